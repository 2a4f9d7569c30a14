//! `loket-surel`: Loket's mail sender without a desk window, for an office
//! whose desks share a PostgreSQL server (run it on the server, so messages
//! leave while no desk is open). It opens the database and the data key
//! from this computer's keyring, releases the claims of a sender that
//! stopped, then sends what is due every few seconds until stopped.
//!
//! loket-surel --database URL [--keyring-service NAME] [--interval SECS]
//!             [--abandoned-after SECS]

use std::time::Duration;

use chrono::Local;
use loket_core::credentials::Credential;
use loket_core::mail::{sender, worker};
use loket_core::secrets::{self, KeyStore, OsKeyring};
use loket_core::store;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn secs(args: &[String], name: &str, default: u64) -> Duration {
    Duration::from_secs(
        arg(args, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(url) = arg(&args, "--database") else {
        eprintln!(
            "Pemakaian: loket-surel --database URL [--keyring-service NAMA] [--interval DETIK] [--abandoned-after DETIK]"
        );
        std::process::exit(2);
    };
    let keys = match arg(&args, "--keyring-service") {
        Some(s) => OsKeyring::with_service(&s),
        None => OsKeyring::new(),
    };
    let interval = secs(&args, "--interval", 5);
    let abandoned = secs(
        &args,
        "--abandoned-after",
        sender::ABANDONED_AFTER.as_secs(),
    );
    if let Err(e) = run(&url, &keys, interval, abandoned).await {
        eprintln!("loket-surel berhenti: {e}");
        std::process::exit(1);
    }
}

async fn run(
    url: &str,
    keys: &OsKeyring,
    interval: Duration,
    abandoned: Duration,
) -> loket_core::Result<()> {
    let db = store::open(url).await?;
    let stored = store::setting(&db, store::SETTING_DATA_KEY_CHECK).await?;
    let Some(check) = stored else {
        return Err(loket_core::Error::Unusable(
            "Basis data ini belum pernah dibuka oleh meja layanan Loket.".into(),
        ));
    };
    let (key, _) = secrets::open_data_key(keys, Some(&check), &mut rand::rngs::OsRng)?;
    loop {
        let password = keys
            .get(Credential::SmtpPassword.entry())?
            .map(|p| String::from_utf8_lossy(p.expose()).into_owned());
        let now = Local::now().fixed_offset();
        match worker::pass(&db, &key, password.as_deref(), now, abandoned).await {
            Ok(p) if p != sender::Pass::default() => println!(
                "terkirim {} · ditunda {} · gagal {}",
                p.terkirim, p.ditunda, p.gagal
            ),
            Ok(_) => {}
            Err(e) => eprintln!("Surel belum dapat dikirim: {e}"),
        }
        tokio::time::sleep(interval).await;
    }
}
