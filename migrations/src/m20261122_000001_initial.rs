//! The first schema: applicants (NIK encrypted, blind-indexed), cases with their
//! event history, the hash-chained audit log, counters, settings and the region
//! table that NIK checks use.

use sea_orm_migration::{prelude::*, schema::*};

/// Region codes (first four NIK digits), seeded from the public list; the admin
/// can add codes later because the list is known to be incomplete.
const REGIONS_CSV: &str = include_str!("../data/kode-wilayah.csv");

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("settings")
                .col(string("key").primary_key())
                .col(text("value"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("counters")
                .col(string("name").primary_key())
                .col(big_integer("value"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("regions")
                .col(string_len("kode", 4).primary_key())
                .col(string("provinsi"))
                .col(string("kabupaten_kota"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("applicants")
                .col(big_pk_auto("id"))
                .col(string("nama"))
                .col(string("nama_cari"))
                .col(blob("nik_cipher"))
                .col(string_uniq("nik_index"))
                .col(string("nik_masked"))
                .col(string_null("nip"))
                .col(string("email"))
                .col(string("telepon"))
                .col(string("jabatan"))
                .col(string("unit_kerja"))
                .col(string("instansi"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_applicants_nama_cari", "nama_cari"),
            ("idx_applicants_nip", "nip"),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table("applicants")
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table("cases")
                .col(big_pk_auto("id"))
                .col(string_uniq("nomor"))
                .col(big_integer("applicant_id"))
                .col(string("layanan"))
                .col(string("status"))
                .col(string("kanal"))
                .col(string("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_cases_applicant")
                        .from("cases", "applicant_id")
                        .to("applicants", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_cases_applicant", "applicant_id"),
            ("idx_cases_status", "status"),
            ("idx_cases_created_at", "created_at"),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table("cases")
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table("case_events")
                .col(big_pk_auto("id"))
                .col(big_integer("case_id"))
                .col(timestamp_with_time_zone("at"))
                .col(string("actor"))
                .col(string_null("from_status"))
                .col(string("to_status"))
                .col(text("note"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_case_events_case")
                        .from("case_events", "case_id")
                        .to("cases", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_case_events_case")
                .table("case_events")
                .col("case_id")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(big_integer("seq").primary_key())
                .col(timestamp_with_time_zone("at"))
                .col(string("actor"))
                .col(string("action"))
                .col(string("entity"))
                .col(string("entity_id"))
                .col(text("detail"))
                .col(string("prev_hash"))
                .col(string("hash"))
                .to_owned(),
        )
        .await?;

        seed_regions(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "audit_log",
            "case_events",
            "cases",
            "applicants",
            "regions",
            "counters",
            "settings",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

async fn seed_regions(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let rows: Vec<[String; 3]> = REGIONS_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            // kode_provinsi,provinsi,kode_kabkota,kode_nik_4,kabupaten_kota
            let f: Vec<&str> = line.trim().split(',').collect();
            (f.len() == 5 && f[3].len() == 4).then(|| {
                [
                    f[3].to_string(),
                    f[1].trim().to_string(),
                    f[4].trim().to_string(),
                ]
            })
        })
        .collect();
    for chunk in rows.chunks(200) {
        let mut insert = Query::insert()
            .into_table("regions")
            .columns(["kode", "provinsi", "kabupaten_kota"])
            .to_owned();
        for [kode, prov, kab] in chunk {
            insert.values_panic([kode.clone().into(), prov.clone().into(), kab.clone().into()]);
        }
        m.exec_stmt(insert).await?;
    }
    Ok(())
}
