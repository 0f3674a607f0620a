//! Typed identifiers: an index newtype per entity kind, so a sensor id can never be passed
//! where a platform id is expected. Names live in the scenario; ids are dense indices into the
//! world's tables, assigned in scenario order (deterministic).

macro_rules! index_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);
        impl $name {
            /// From a dense table index.
            pub fn new(index: usize) -> Self {
                Self(u32::try_from(index).expect("fewer than 2^32 entities of one kind"))
            }
            /// The dense table index.
            pub fn index(self) -> usize {
                self.0 as usize
            }
            /// The raw number, for logs and RNG stream ids.
            pub fn get(self) -> u32 {
                self.0
            }
        }
        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

index_id!(
    /// A truth object (missile, aircraft, ship, …).
    ObjectId,
    /// A sensor.
    SensorId,
    /// A platform or site carrying sensors or fire units.
    PlatformId,
    /// A fire unit (interceptor battery or ship's launcher).
    FireUnitId,
    /// A defended asset.
    AssetId,
    /// A C2 node.
    NodeId,
    /// A network link between C2 nodes.
    LinkId,
    /// A surveyed site anchoring a local (ENU) frame.
    SiteId,
    /// An interceptor type (kinematics and lethality shared by fire units).
    InterceptorTypeId,
    /// A geographic zone (no-fire area, engagement zone).
    ZoneId,
);
