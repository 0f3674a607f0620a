//! IFF interrogation of a radar's real detections: friendly military transponders answer in
//! the secure mode with their reply probability, civil transponders in civil modes, hostiles
//! (no transponder, or one that never answers correctly) never.

use crate::Transponder;
use base::rng::Rng;
use picture::{IffMode, IffResponse};
use rand::RngExt;

/// The IFF result for a real target's detection. Draws one uniform from `rng` only when the
/// radar interrogates and the target has a transponder; so a hostile's detection consumes no
/// random number here. (False alarms get `NoReply` without a draw: nothing is there to answer.)
pub(crate) fn interrogate(has_iff: bool, transponder: Transponder, rng: &mut Rng) -> IffResponse {
    if !has_iff {
        return IffResponse::NotInterrogated;
    }
    let (p, mode) = match transponder {
        Transponder::None => return IffResponse::NoReply,
        Transponder::Military(p) => (p.get(), IffMode::Military),
        Transponder::Civil(p) => (p.get(), IffMode::Civil),
    };
    if rng.random::<f64>() < p {
        IffResponse::Reply(mode)
    } else {
        IffResponse::NoReply
    }
}

#[cfg(test)]
mod tests;
