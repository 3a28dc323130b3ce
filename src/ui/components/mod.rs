//! Reusable pieces of the page: the header, the drop zone, the file list, figure cards, the
//! column mapper, navigation and the first-visit guide.

pub mod chart_canvas;
pub mod empty_state;
pub mod figure_card;
pub mod file_drop;
pub mod filter_bar;
pub mod header;
pub mod lazy_details;
pub mod mapper;
pub mod nav;
pub mod period_asker;
pub mod snapshot_controls;
pub mod source_list;
pub mod table_tools;
pub mod takeaway;
pub mod view_frame;
