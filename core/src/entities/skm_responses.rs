//! Answers to the satisfaction survey (SKM): nine scores, the respondent's
//! profile and a suggestion; no name, NIK, case or time of day.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "skm_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tanggal: Date,
    pub sumber: String,
    pub u1: Option<i16>,
    pub u2: Option<i16>,
    pub u3: Option<i16>,
    pub u4: Option<i16>,
    pub u5: Option<i16>,
    pub u6: Option<i16>,
    pub u7: Option<i16>,
    pub u8: Option<i16>,
    pub u9: Option<i16>,
    pub umur: Option<String>,
    pub jenis_kelamin: Option<String>,
    pub pendidikan: Option<String>,
    pub pekerjaan: Option<String>,
    pub saran: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
