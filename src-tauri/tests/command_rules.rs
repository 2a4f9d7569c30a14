//! build.rs reads the rule each command asks from the command's body and
//! refuses to build a command whose first step is not that ask. These are
//! the forms an attacker (or a hurried change) would write to have the rule
//! table say one thing while the command does another; each must be refused,
//! and the forms Loket's commands use must be read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test, with its message"
)]

#[path = "../build_rules.rs"]
mod build_rules;

fn read(code: &str) -> Result<String, String> {
    let f: syn::ItemFn = syn::parse_str(code).expect("the sample parses");
    std::panic::catch_unwind(|| build_rules::rule_of(&f, "sample")).map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .unwrap_or_else(|| "panicked".into())
    })
}

#[test]
fn the_forms_loket_uses_are_read() {
    let cases = [
        (
            "async fn a(desk: D) { let (d, act) = desk.authorize(DESK).await?; Ok(d.go(&act).await?) }",
            "DESK",
        ),
        (
            "async fn a(desk: D, window: W) { crate::startup::first_call(); Ok(desk.status(PUBLIC, seat(&window)).await) }",
            "PUBLIC",
        ),
        (
            "async fn a(desk: D, window: W) { desk.sign_in(PUBLIC, seat(&window), &u, &p, r).await }",
            "PUBLIC",
        ),
        (
            "async fn a(desk: D) { let answer = async { let (k, _) = desk.authorize_kiosk(KIOSK).await?; Ok(k.go().await?) }; answer.await.map_err(AppError::at_kiosk) }",
            "KIOSK",
        ),
        (
            "async fn a(desk: D, window: W) { let here = seat(&window); let answer = async { let db = desk.authorize_db(here, DESK_OR_KIOSK).await?; Ok(go(db).await?) }; answer.await }",
            "DESK_OR_KIOSK",
        ),
        (
            "async fn a(desk: D) { desk.release_kiosk(PUBLIC, &u, &p).await?; Ok(()) }",
            "PUBLIC",
        ),
    ];
    for (code, rule) in cases {
        assert_eq!(read(code).as_deref(), Ok(rule), "{code}");
    }
}

#[test]
fn a_command_that_acts_before_its_rule_or_names_a_rule_it_does_not_ask_is_refused() {
    let refused = [
        // Something done before the ask: a bypass that depends on an argument.
        (
            "async fn a(desk: D, id: i64) { if id < 0 { return go(desk.ready()?).await; } let (d, _) = desk.authorize(DESK).await?; Ok(()) }",
            "first step asks no rule",
        ),
        (
            "async fn a(desk: D) { desk.ready()?.import.stop.request(); let (d, _) = desk.authorize(ADMIN).await?; Ok(()) }",
            "first step asks no rule",
        ),
        // A decoy beside the real ask.
        (
            "async fn a(desk: D) { let (d, _) = desk.authorize(PUBLIC).await?; let _ = desk.authorize(ADMIN); Ok(()) }",
            "2 calls on desk",
        ),
        // The rule named to a method that checks nothing.
        (
            "async fn a(desk: D) { let d = desk.ready_with(ADMIN)?; Ok(()) }",
            "checks no rule",
        ),
        // The status answers before sign-in: naming a stronger rule there would be a lie.
        (
            "async fn a(desk: D, window: W) { Ok(desk.status(ADMIN, seat(&window)).await) }",
            "PUBLIC only",
        ),
        // No rule at all.
        (
            "async fn a(desk: D) { let d = desk.ready()?; Ok(d.go().await?) }",
            "first step asks no rule",
        ),
        // The ask inside a closure that may never run.
        (
            "async fn a(desk: D) { let f = || desk.authorize(ADMIN); Ok(()) }",
            "first step asks no rule",
        ),
    ];
    for (code, why) in refused {
        let e = read(code).expect_err(code);
        assert!(e.contains(why), "{code}: refused, saying {why:?}: {e}");
    }
}
