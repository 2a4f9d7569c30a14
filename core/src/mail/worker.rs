//! One pass of the background mail work, as the desk runs it every 10
//! seconds and `loket-surel` runs it on an office server: release the claims
//! of a sender that stopped, queue the expiry notices due, send what is due.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use sea_orm::DatabaseConnection;

use super::expiry;
use super::sender::{self, Pass};
use crate::Result;
use crate::secrets::DataKey;

/// One pass at `now`; claims older than `abandoned_after` are released.
pub async fn pass(
    db: &DatabaseConnection,
    key: &DataKey,
    password: Option<&str>,
    now: DateTime<FixedOffset>,
    abandoned_after: Duration,
) -> Result<Pass> {
    sender::recover(db, now, abandoned_after).await?;
    expiry::queue_due(db, key, now).await?;
    sender::deliver_due(db, key, password, now).await
}
