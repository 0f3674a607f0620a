//! Kizuna's base vocabulary, shared by every other crate.
//!
//! Owns simulation time ([`SimTime`], [`SimDuration`]: integer nanoseconds, never accumulated
//! `f64` seconds), typed identifiers ([`NationId`] and the index ids), [`Side`],
//! [`Probability`], releasability sets ([`NationSet`]), sensor sets ([`SensorSet`]: provenance), named random streams ([`rng::stream`]), the discrete-event [`Agenda`] and a one-entry
//! [`Memo`] for queries repeated at one instant.
//!
//! Not modelled here: physics of any kind, I/O, the wall clock.

mod agenda;
mod ids;
mod memo;
mod nation;
mod probability;
mod release;
pub mod rng;
mod sensor_set;
mod time;

pub use agenda::{Agenda, EventClass};
pub use ids::{
    AssetId, FireUnitId, InterceptorTypeId, LinkId, NodeId, ObjectId, PlatformId, SensorId, SiteId,
    ZoneId,
};
pub use memo::Memo;
pub use nation::{NationId, NationIdError, Side};
pub use probability::{Probability, ProbabilityError};
pub use release::{MAX_NATIONS, NationIndex, NationSet};
pub use sensor_set::SensorSet;
pub use time::{SimDuration, SimTime};
