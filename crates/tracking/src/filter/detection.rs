//! Turning the picture's [`Detection`]s into tracker [`Measurement`]s.

use super::{MeasVector, Measurement, MeasurementModel};
use base::SiteId;
use geodesy::Site;
use picture::Detection;

/// A radar [`Detection`] as a tracker measurement in ECEF (the sensor's ENU frame rebuilt at
/// its reported position); `None` for non-radar reports (space IR cues only).
pub fn from_radar_detection(d: &Detection, id: u64) -> Option<Measurement> {
    let picture::Measurement::Radar {
        range_m,
        az_rad,
        el_rad,
        range_rate_mps,
        sigma_range_m,
        sigma_az_rad,
        sigma_el_rad,
        sigma_range_rate_mps,
    } = d.measurement
    else {
        return None;
    };
    let site = Site::new(SiteId::new(0), d.sensor_position.to_wgs84());
    let mut z = MeasVector::zeros();
    z[0] = range_m;
    z[1] = az_rad;
    z[2] = el_rad;
    let with_range_rate = range_rate_mps.is_some() && sigma_range_rate_mps.is_some();
    if let Some(rr) = range_rate_mps.filter(|_| with_range_rate) {
        z[3] = rr;
    }
    Some(Measurement {
        id,
        time: d.time_measured,
        z,
        model: MeasurementModel::RadarEnu {
            sensor_position: d.sensor_position.xyz_m(),
            sensor_velocity: d.sensor_velocity.xyz_mps(),
            to_enu: site.ecef_to_enu().rotation(),
            sigma: [
                sigma_range_m,
                sigma_az_rad,
                sigma_el_rad,
                sigma_range_rate_mps.unwrap_or(1.0),
            ],
            with_range_rate,
        },
    })
}
