pub mod engine;
pub mod ui;
pub mod worker;
