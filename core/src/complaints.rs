//! The complaints register (penanganan pengaduan, saran dan masukan): the
//! channels and categories, the register with its deadlines, and the counts
//! the service report shows.

pub mod duties;
pub mod figures;
pub mod fix;
pub mod register;
pub mod settings;
