//! The worker binary: registers the engine's message loop; nothing else.
fn main() {
    uptake::worker::runtime::start();
}
