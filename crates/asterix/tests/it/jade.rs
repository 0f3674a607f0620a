//! The JADE "FINAL" recordings: every frame of every sample has the inferred layout
//! (`container/final_frame.rs`), every block fits its frame, and the CAT048 sample decodes.

use asterix::Container;

#[test]
fn val_jade_final_frames_hold_whole_blocks() {
    let dir = crate::shared_or_skip!();
    let jade = dir.join("jade");
    let mut files: Vec<_> = std::fs::read_dir(&jade)
        .expect("jade dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ff")))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        let decoded = asterix::decode_file(&bytes);
        let name = path.display();
        assert_eq!(decoded.container, Container::Final, "{name}");
        assert_eq!(decoded.container_error, None, "{name}");
        assert!(
            decoded.errors.is_empty(),
            "{name}: {:?}",
            decoded.errors.first()
        );
        if path.ends_with("final_frame_062_065_large_packet_30min.ff") {
            // SOURCES.md: 18,163 frames holding CAT062, CAT063 and CAT065.
            assert_eq!(decoded.stats.payloads, 18_163, "{name}");
            let cats: Vec<u8> = decoded.stats.skipped_blocks.keys().copied().collect();
            assert_eq!(cats, [62, 63, 65], "{name}");
        }
        if path.ends_with("NATS_CAT048_119bytes_TCAS.ff") {
            assert_eq!(decoded.stats.records.get(&48), Some(&2), "{name}");
            let acas = decoded.records.iter().find_map(|r| r.item("260"));
            assert!(acas.is_some(), "{name}: the ACAS RA report");
        }
    }
}
