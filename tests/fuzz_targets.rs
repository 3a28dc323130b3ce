//! Every format in the registry has a fuzz target (tests/fuzz/fuzz_targets/<id>.rs, declared
//! in tests/fuzz/Cargo.toml), so a new parser cannot land unfuzzed (`scripts/fuzz.sh`).

use std::path::Path;
use uptake::engine::sources::registry::FORMATS;

#[test]
fn every_format_has_a_fuzz_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("tests/fuzz/Cargo.toml");
    let mut missing = Vec::new();
    for spec in FORMATS {
        let target = spec.name.replace('.', "_");
        let file = root.join("fuzz_targets").join(format!("{target}.rs"));
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        // Whitespace aside, so a call that rustfmt wraps still counts.
        let text: String = text.split_whitespace().collect();
        let runs_it = text.contains(&format!("parse_as(\"{}\"", spec.name));
        let declared = manifest.contains(&format!("name = \"{target}\""));
        if !(runs_it && declared) {
            missing.push(spec.name);
        }
    }
    assert!(
        missing.is_empty(),
        "formats without a fuzz target: {missing:?}"
    );
}
