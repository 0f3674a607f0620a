//! The weapons control status in force: timed orders per nation, zone and threat class, and the
//! fallback of a unit cut off from its command node.

use super::{ThreatClass, Wcs};
use base::{NationIndex, SimTime, ZoneId};

/// From `from` on, `nation`'s fire units hold `status` against `class` (all classes if `None`)
/// within `zone` (everywhere if `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WcsOrder {
    /// Nation whose units it binds.
    pub nation: NationIndex,
    /// Threat class, or all.
    pub class: Option<ThreatClass>,
    /// Area, or everywhere.
    pub zone: Option<ZoneId>,
    /// The status.
    pub status: Wcs,
    /// Effective from.
    pub from: SimTime,
}

impl WcsOrder {
    fn applies(
        &self,
        nation: NationIndex,
        class: ThreatClass,
        in_zones: &[ZoneId],
        t: SimTime,
    ) -> bool {
        self.nation == nation
            && self.from <= t
            && self.class.is_none_or(|c| c == class)
            && self.zone.is_none_or(|z| in_zones.contains(&z))
    }

    /// How many of class and zone it names.
    fn specificity(&self) -> u8 {
        u8::from(self.class.is_some()) + u8::from(self.zone.is_some())
    }
}

/// Whether a fire unit hears its command node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandLink {
    /// Orders reach it.
    Connected,
    /// Cut off: it uses its declared fallback.
    CutOff,
}

/// All WCS orders of a scenario, in their declared order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WcsSchedule {
    orders: Vec<WcsOrder>,
}

impl WcsSchedule {
    /// Status when no order applies.
    pub const DEFAULT: Wcs = Wcs::Tight;

    /// From the orders in declared order (the order breaks remaining ties).
    pub fn new(orders: Vec<WcsOrder>) -> Self {
        WcsSchedule { orders }
    }

    /// The orders, as given.
    pub fn orders(&self) -> &[WcsOrder] {
        &self.orders
    }

    /// The status in force for `nation`'s units against a `class` threat inside `in_zones` at
    /// `t`: the applicable order with the latest `from`; ties to the more specific (counting
    /// class and zone given), then to the later in the list; [`Self::DEFAULT`] if none applies.
    pub fn status(
        &self,
        nation: NationIndex,
        class: ThreatClass,
        in_zones: &[ZoneId],
        t: SimTime,
    ) -> Wcs {
        self.orders
            .iter()
            .enumerate()
            .filter(|(_, o)| o.applies(nation, class, in_zones, t))
            .max_by_key(|(i, o)| (o.from, o.specificity(), *i))
            .map_or(Self::DEFAULT, |(_, o)| o.status)
    }

    /// [`Self::status`] for a fire unit: its declared `fallback` when cut off from its command
    /// node, whatever orders were given.
    pub fn unit_status(
        &self,
        nation: NationIndex,
        class: ThreatClass,
        in_zones: &[ZoneId],
        t: SimTime,
        link: CommandLink,
        fallback: Wcs,
    ) -> Wcs {
        match link {
            CommandLink::Connected => self.status(nation, class, in_zones, t),
            CommandLink::CutOff => fallback,
        }
    }
}
