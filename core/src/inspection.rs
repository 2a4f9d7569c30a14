//! The confined reader's side (see [`crate::confined`]): what a process
//! started as `loket periksa-berkas` (or `loket-periksa`) does with the one
//! file it is given. It sits above the readers it calls, so that
//! `confined` stays at the bottom and knows no file format.

use crate::import::sheet;
use crate::pdfsig;

/// Serves one request on standard input; returns the exit code.
pub fn serve() -> std::process::ExitCode {
    crate::confined::serve(|job, header, bytes, out| match job {
        pdfsig::JOB => pdfsig::job(header, bytes, out),
        sheet::JOB => sheet::job(header, bytes, out),
        other => Err(format!("Pekerjaan pemeriksa tidak dikenal: {other}.")),
    })
}
