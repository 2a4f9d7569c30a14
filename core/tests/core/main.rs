//! Integration tests of `loket-core` on real parts: SQLite files in temp
//! folders with the real migrations, a PostgreSQL server started by `make test`
//! (its URL in `LOKET_TEST_POSTGRES_URL`), the OS keyring (Secret Service,
//! unlocked inside `dbus-run-session` by `make test`), the PDF tools and a
//! real signer. One binary; its modules follow the source.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test, with its message"
)]

mod checkpoint;
mod durability;
mod fuzz;
mod support;

mod access;
mod amend;
mod amend_attacks;
mod architecture;
mod audit;
mod backup;
mod collective;
mod complaint_duties;
mod complaints;
mod corrections;
mod crafted;
mod documents;
mod help;
mod import;
mod intake;
mod keyring;
mod kiosk;
mod kiosk_role;
mod letters;
mod lifecycle;
mod mail;
mod numbering;
mod operators;
mod privacy;
mod reports;
mod requests;
mod retention;
mod sealed;
mod search;
mod services;
mod signing;
mod standard;
mod store;
mod survey;
mod upgrade;
