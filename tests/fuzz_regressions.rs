//! Replays every input the fuzzer ever failed on: `tests/fixtures/fuzz/<target>/<file>` is run
//! through the same code as the fuzz target `<target>` (tests/fuzz/src/lib.rs is compiled in
//! here), so a crash, panic or hang that was fixed stays fixed on every `cargo test`, without
//! the nightly toolchain. `scripts/fuzz.sh` says where a new failing input is left.

use std::path::Path;
use std::time::Instant;
use uptake::engine::sources::registry::FORMATS;

#[path = "fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz;

/// What a fuzz target runs on one input.
type Runner = Box<dyn Fn(&[u8])>;

/// An input must finish well inside libFuzzer's timeout (`FUZZ_TIMEOUT`, 10 s) even in this
/// unoptimised test build: a regression of a hang shows as a failure, not as a slow suite.
const SECONDS_PER_INPUT: u64 = 10;

#[test]
fn every_input_the_fuzzer_failed_on_is_read_without_panic_or_hang() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for target in std::fs::read_dir(&root).expect("tests/fixtures/fuzz") {
        let target = target.expect("a directory entry");
        let name = target.file_name().to_string_lossy().to_string();
        let run: Runner = if name == "pipeline" {
            Box::new(fuzz::pipeline)
        } else {
            let format = FORMATS
                .iter()
                .find(|f| f.name.replace('.', "_") == name)
                .unwrap_or_else(|| {
                    panic!("tests/fixtures/fuzz/{name}: no fuzz target of that name")
                })
                .name;
            Box::new(move |data| fuzz::parse_as(format, data))
        };
        for input in std::fs::read_dir(target.path()).expect("a target's inputs") {
            let path = input.expect("a directory entry").path();
            let data = std::fs::read(&path).expect("a fuzz input");
            let started = Instant::now();
            run(&data);
            let took = started.elapsed();
            assert!(
                took.as_secs() < SECONDS_PER_INPUT,
                "{} took {took:?}",
                path.display()
            );
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no fuzz regression inputs under {}",
        root.display()
    );
}
