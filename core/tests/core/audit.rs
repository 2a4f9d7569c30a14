//! The audit log against someone with the database file open: every edit,
//! removal, insertion, reordering and rewrite is found.

use loket_core::audit::{self, Verdict};
use loket_core::secrets::{DataKey, Secret};
use loket_core::store;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::support::*;

/// A database file with a few cases and steps, closed, for tamper trials.
async fn audit_template() -> (tempfile::TempDir, i64) {
    let t = TestDesk::sqlite().await;
    t.intake(&budi()).await;
    let row = t.intake(&ayu()).await;
    t.tick_all(row.id).await;
    t.walk(row.id, &ISSUE[..3]).await;
    let Verdict::Intact { entries } = audit::verify(&t.db, &t.key).await.unwrap() else {
        panic!("a fresh log must verify");
    };
    t.db.close().await.unwrap();
    (t.dir, entries as i64)
}

async fn tampered(template: &std::path::Path, sql: &str) -> Verdict {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(template).unwrap() {
        let from = entry.unwrap().path();
        std::fs::copy(&from, dir.path().join(from.file_name().unwrap())).unwrap();
    }
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    db.execute_unprepared(sql).await.unwrap();
    audit::verify(&db, &key()).await.unwrap()
}

#[tokio::test]
async fn audit_verify_finds_every_edit_removal_insertion_and_reordering() {
    use rand::{Rng, SeedableRng, rngs::StdRng};
    let (template, n) = audit_template().await;
    let mut rng = StdRng::seed_from_u64(5);
    for trial in 0..24 {
        let k = rng.gen_range(1..=n);
        let (what, sql, expected) = match trial % 4 {
            0 => (
                "edit",
                format!("update audit_log set detail = detail || ' ' where seq = {k}"),
                k,
            ),
            1 => (
                "remove",
                format!("delete from audit_log where seq = {k}"),
                k,
            ),
            2 => (
                "insert",
                format!(
                    "insert into audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) \
                     select {next}, at, actor, action, entity, entity_id, detail, hash, hash \
                     from audit_log where seq = {n}",
                    next = n + 1
                ),
                n + 1,
            ),
            _ => {
                let j = if k == n { k - 1 } else { k + 1 };
                let (a, b) = (k.min(j), k.max(j));
                (
                    "reorder",
                    format!(
                        "update audit_log set seq = -1 where seq = {a}; \
                         update audit_log set seq = {a} where seq = {b}; \
                         update audit_log set seq = {b} where seq = -1"
                    ),
                    a,
                )
            }
        };
        let verdict = tampered(template.path(), &sql).await;
        match verdict {
            Verdict::Broken { seq, .. } => {
                assert_eq!(seq, expected, "{what} at {k} must be found at {expected}")
            }
            Verdict::Intact { .. } => panic!("{what} at {k} was not found"),
        }
    }
}

#[tokio::test]
async fn audit_verify_finds_a_log_cut_at_its_end() {
    let (template, n) = audit_template().await;
    let verdict = tampered(
        template.path(),
        &format!("delete from audit_log where seq = {n}"),
    )
    .await;
    assert!(
        matches!(verdict, Verdict::Broken { seq, .. } if seq == n),
        "{verdict:?}"
    );
}

#[tokio::test]
async fn audit_chain_cannot_be_rewritten_without_the_data_key() {
    use loket_core::entities::audit_log;
    use sea_orm::{ActiveModelTrait, QueryOrder, Set};
    let (template, _) = audit_template().await;
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(template.path()).unwrap() {
        let from = entry.unwrap().path();
        std::fs::copy(&from, dir.path().join(from.file_name().unwrap())).unwrap();
    }
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    // The forger edits entry 2, then recomputes every hash from there on and the
    // head, exactly as Loket computes them, but with a key of their own.
    let forger = DataKey::from_master(&Secret::new(vec![7; 32])).unwrap();
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Seq)
        .all(&db)
        .await
        .unwrap();
    let mut prev = rows[0].hash.clone();
    for row in rows.into_iter().skip(1) {
        let actor = if row.seq == 2 {
            "orang lain".to_string()
        } else {
            row.actor.clone()
        };
        let (seq, at) = (row.seq.to_string(), row.at.timestamp_micros().to_string());
        let hash = forger.audit_mac(&[
            seq.as_bytes(),
            at.as_bytes(),
            actor.as_bytes(),
            row.action.as_bytes(),
            row.entity.as_bytes(),
            row.entity_id.as_bytes(),
            row.detail.as_bytes(),
            prev.as_bytes(),
        ]);
        let mut am: audit_log::ActiveModel = row.into();
        am.actor = Set(actor);
        am.prev_hash = Set(prev.clone());
        am.hash = Set(hash.clone());
        let saved = am.update(&db).await.unwrap();
        store::set_setting(
            &db,
            &forger,
            audit::SETTING_AUDIT_HEAD,
            &format!("{}:{hash}", saved.seq),
        )
        .await
        .unwrap();
        prev = hash;
    }
    assert!(
        matches!(
            audit::verify(&db, &forger).await.unwrap(),
            Verdict::Broken { seq: 1, .. }
        ),
        "even the forger's own key cannot vouch for the entries they did not rewrite"
    );
    assert!(
        matches!(
            audit::verify(&db, &key()).await.unwrap(),
            Verdict::Broken { seq: 2, .. }
        ),
        "with the desk's key the rewritten chain breaks at the edited entry"
    );
}

/// Four desks sharing one PostgreSQL database, each writing audit entries at
/// the same moment (views, exports, sign-ins: writes that take no other lock
/// first): none fails on a taken audit number, and the chain they wrote
/// together is intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_desks_writing_at_once_on_postgresql_keep_one_intact_chain() {
    let t = TestDesk::postgres("empat_meja").await;
    let mut desks = tokio::task::JoinSet::new();
    for desk in 0..4u32 {
        let url = t.url.clone();
        desks.spawn(async move {
            let db = store::open(&url).await.unwrap();
            let key = key();
            for n in 0..25u32 {
                let act = loket_core::Acting::new(
                    &key,
                    loket_core::Actor::named(format!("meja{desk}")),
                    now(),
                );
                act.log(
                    &db,
                    audit::Entry::new("case.view", "case", n, serde_json::json!({ "meja": desk })),
                )
                .await
                .unwrap_or_else(|e| panic!("desk {desk}, entry {n}: {e:?}"));
            }
        });
    }
    desks.join_all().await;
    match audit::verify(&t.db, &t.key).await.unwrap() {
        Verdict::Intact { entries } => assert_eq!(
            entries, 100,
            "every entry of the four desks is in the one chain"
        ),
        broken => panic!("the chain four desks wrote is broken: {broken:?}"),
    }
}
