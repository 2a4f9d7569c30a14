//! What happens at a kiosk PC for the audit log. A kiosk PC holds no data
//! key, so it cannot append to the keyed audit log itself: it seals each
//! event (a staff member's attempt at the kiosk, a sign-in) to the office's
//! public key into `kiosk_events`, and the next desk that runs opens them and
//! appends them to the log, in the order they happened, under the kiosk's
//! own time. Beside a desk (the one-PC set-up) the desk's log is written at
//! once instead.

use chrono::{DateTime, FixedOffset};
use rand::{CryptoRng, RngCore};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};

use crate::audit::{Acting, Actor, Entry};
use crate::entities::kiosk_events;
use crate::secrets::KioskKey;
use crate::{Result, store};

/// The actions a kiosk records.
pub const KIOSK_ACTIONS: [&str; 4] = [
    "kiosk.signin",
    "kiosk.signin_failed",
    "kiosk.release",
    "kiosk.release_failed",
];

/// One event at a kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskEvent {
    /// The audit action (one of [`KIOSK_ACTIONS`]).
    pub action: String,
    /// The account, when it exists (a name typed that belongs to nobody is
    /// never recorded).
    pub operator_id: Option<i64>,
    pub username: Option<String>,
    /// The kiosk's clock when it happened.
    pub at: DateTime<FixedOffset>,
    /// Failures counted at this kiosk by then.
    pub failures: u32,
}

impl KioskEvent {
    fn entry(&self) -> Entry<'_> {
        Entry::new(
            &self.action,
            "operator",
            self.operator_id.map(|i| i.to_string()).unwrap_or_default(),
            serde_json::json!({
                "di": "kiosk",
                "waktu_kiosk": self.at.to_rfc3339(),
                "gagal_berturut": self.failures,
            }),
        )
    }

    fn actor(&self) -> Actor {
        Actor::named(
            self.username
                .clone()
                .unwrap_or_else(|| "(nama tidak dikenal)".into()),
        )
    }
}

/// Records `event`: in the desk's log when `audit` is given (the one-PC
/// set-up), else sealed into `kiosk_events` for the next desk.
pub async fn record(
    db: &DatabaseConnection,
    audit: Option<&Acting<'_>>,
    office: &KioskKey,
    rng: &mut (impl RngCore + CryptoRng),
    event: &KioskEvent,
) -> Result<()> {
    if let Some(act) = audit {
        return act.as_actor(event.actor()).log(db, event.entry()).await;
    }
    let json = serde_json::to_vec(event).map_err(|e| crate::Error::Corrupt(e.to_string()))?;
    // Inserted without reading the row back: a kiosk PC's own role may add
    // events and read none.
    kiosk_events::Entity::insert(kiosk_events::ActiveModel {
        sealed: Set(office.seal(rng, &json)),
        received_at: Set(event.at),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Moves the events kiosk PCs left into the audit log (oldest first, a
/// hundred at a time, each with its row's removal in one transaction).
/// An event that does not open with this office's key (written by someone
/// without the kiosk's key, or damaged) is recorded as such and removed.
/// Returns how many were moved.
pub async fn collect(db: &DatabaseConnection, act: &Acting<'_>) -> Result<usize> {
    let rows = kiosk_events::Entity::find()
        .order_by_asc(kiosk_events::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let mut moved = 0;
    for row in rows {
        let txn = store::begin_write(db).await?;
        let opened = act
            .key()
            .unseal(&row.sealed)
            .ok()
            .and_then(|s| serde_json::from_slice::<KioskEvent>(s.expose()).ok());
        // Only what a kiosk records, under the name of the account it names:
        // anyone can seal to the office's public key, so an event claiming
        // another action or another name is recorded as refused.
        let fitting = match &opened {
            Some(e) if KIOSK_ACTIONS.contains(&e.action.as_str()) => match e.operator_id {
                None => e.username.is_none(),
                Some(id) => crate::entities::operators::Entity::find_by_id(id)
                    .one(&txn)
                    .await?
                    .is_some_and(|o| Some(&o.username) == e.username.as_ref()),
            },
            _ => false,
        };
        match opened {
            Some(event) if fitting => {
                act.as_actor(event.actor())
                    .record(&txn, event.entry())
                    .await?;
            }
            Some(event) => {
                act.record(
                    &txn,
                    Entry::new(
                        "kiosk.event_refused",
                        "kiosk_event",
                        row.id,
                        serde_json::json!({
                            "diterima": row.received_at.to_rfc3339(),
                            "tindakan": event.action.chars().take(40).collect::<String>(),
                        }),
                    ),
                )
                .await?;
            }
            None => {
                act.record(
                    &txn,
                    Entry::new(
                        "kiosk.event_unreadable",
                        "kiosk_event",
                        row.id,
                        serde_json::json!({ "diterima": row.received_at.to_rfc3339() }),
                    ),
                )
                .await?;
            }
        }
        kiosk_events::Entity::delete_by_id(row.id)
            .exec(&txn)
            .await?;
        txn.commit().await?;
        moved += 1;
    }
    Ok(moved)
}
