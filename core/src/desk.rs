//! Opening the desk: the database and the data key together, or neither.

use rand::{CryptoRng, RngCore};
use sea_orm::DatabaseConnection;

use crate::Result;
use crate::secrets::{self, DataKey, KeyStore};
use crate::store;

/// An open desk: the database and the key that reads its personal data.
pub struct Desk {
    pub db: DatabaseConnection,
    pub key: DataKey,
}

/// Opens the database at `url` and the data key from `keys`. On a new database
/// the key is created in the keyring (or taken from it) and its check value
/// stored; on an existing one the key must be there and match.
pub async fn open(
    url: &str,
    keys: &(dyn KeyStore + Sync),
    rng: &mut (impl RngCore + CryptoRng + Send),
) -> Result<Desk> {
    let db = store::open(url).await?;
    let stored = store::setting(&db, store::SETTING_DATA_KEY_CHECK).await?;
    let (key, new_check) = secrets::open_data_key(keys, stored.as_deref(), rng)?;
    if let Some(check) = new_check {
        store::set_setting(&db, store::SETTING_DATA_KEY_CHECK, &check).await?;
    }
    Ok(Desk { db, key })
}
