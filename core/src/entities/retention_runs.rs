//! One retention run and what it destroyed (see `retention`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "retention_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The berita acara's number, `BA-RETENSI-YYYY-NNNN`.
    pub nomor: String,
    pub run_at: DateTimeWithTimeZone,
    pub actor: String,
    /// The retention periods in force (JSON, `retention::periods::RetentionPeriods`).
    pub periods: String,
    /// What was destroyed (JSON, `retention::due::DueItem` list).
    pub items: String,
    /// How the people concerned were told (JSON,
    /// `retention::run::Notices`); `None` for a run before notices were kept.
    pub pemberitahuan: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
