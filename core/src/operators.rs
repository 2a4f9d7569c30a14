//! Operators: the people who use Loket and what they may do.
//!
//! - [`roles`]: the four roles and how they are stored;
//! - [`passwords`]: Argon2id hashes and the password rules;
//! - [`accounts`]: creating operators and the admin's changes;
//! - [`tokens`]: "remember me on this desk";
//! - [`sessions`]: sign-in with its delay and lock, the idle lock, the end of
//!   a working day;
//! - [`recovery`]: the first run and the recovery key.
//!
//! The desk's one current session, and the commands that change it, are in
//! `desk`, above these.

pub mod accounts;
pub mod passwords;
pub mod recovery;
pub mod roles;
pub mod sessions;
pub mod tokens;
