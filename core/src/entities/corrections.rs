//! One correction of a value the desk recorded on a case or a certificate,
//! or one step of a case taken back: the old and the new value, why, who
//! asked, and (under four-eyes) who decided. Sealed under the data key.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "corrections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The case whose page shows it (a certificate's: the case that issued
    /// it, or 0 for a certificate recorded from outside Loket).
    pub case_id: i64,
    pub applicant_id: i64,
    /// `case`, `certificate`, `requirement` or `langkah` (a step taken back).
    pub target: String,
    pub target_id: i64,
    pub field: String,
    pub lama: String,
    pub baru: String,
    pub reason: String,
    /// `menunggu` (waiting for a second person), `berlaku` or `ditolak`.
    pub state: String,
    pub requested_by: String,
    pub requested_at: DateTimeWithTimeZone,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeWithTimeZone>,
    pub segel: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
