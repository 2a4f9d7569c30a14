//! `loket-periksa`: the confined reader of files from outside Loket, as a
//! program of its own for the core's tests and benchmarks. The desk runs the
//! same code as `loket periksa-berkas` (see `loket_core::confined`).

fn main() -> std::process::ExitCode {
    loket_core::inspection::serve()
}
