//! The app binary: mounts the page; nothing else.
fn main() {
    uptake::ui::mount();
}
