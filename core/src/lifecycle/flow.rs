//! The state machine of a case: which action moves a case of which service
//! from which status to which, and what each status allows (the checklist,
//! the desk's queue). Pure data and functions; `cases::transitions` applies them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::vocabulary::{Layanan, Status};

/// What the desk does to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Action {
    /// Documents are missing: waiting on the applicant (SLA clock paused).
    BerkasKurang,
    /// Every required document is there (the SLA clock starts).
    BerkasLengkap,
    /// The Surat Rekomendasi was issued.
    TerbitkanRekomendasi,
    /// The verifikator entered the case in AMS (with the AMS reference).
    AjukanAms,
    /// Waiting for the applicant to complete identity and passphrase via BSrE's e-mail links.
    TungguPemohon,
    /// Waiting for BSrE's registration authority to decide.
    TungguBsre,
    /// BSrE issued, renewed, changed or revoked: the case is done.
    Selesai,
    /// Rejected by the Dinas or by BSrE, with a reason.
    Tolak,
    /// Withdrawn by the applicant.
    Batalkan,
}

/// Every action, in the order the desk meets them.
pub const ACTIONS: [Action; 9] = [
    Action::BerkasKurang,
    Action::BerkasLengkap,
    Action::TerbitkanRekomendasi,
    Action::AjukanAms,
    Action::TungguPemohon,
    Action::TungguBsre,
    Action::Selesai,
    Action::Tolak,
    Action::Batalkan,
];

/// Whether the checklist may still change: only while the file is being completed.
pub fn checklist_editable(status: Status) -> bool {
    matches!(status, Status::Diterima | Status::BerkasKurang)
}

/// Statuses in which the next step is the desk's (not the applicant's or BSrE's):
/// what the operator's queue shows.
pub const DESK_TURN: [Status; 4] = [
    Status::Diterima,
    Status::BerkasLengkap,
    Status::RekomendasiTerbit,
    Status::DiajukanAms,
];

/// Statuses a case never leaves.
pub fn is_final(s: Status) -> bool {
    matches!(s, Status::Selesai | Status::Ditolak | Status::Dibatalkan)
}

/// Whether the service goes through the applicant's own AMS step (identity
/// check and passphrase): issuance and renewal do, revocation and data change do not.
fn applicant_step(l: Layanan) -> bool {
    matches!(l, Layanan::Penerbitan | Layanan::Pembaruan)
}

/// The status `action` leads to from `from` for service `l`, or `None` when the
/// rules do not allow it.
pub fn next(l: Layanan, from: Status, action: Action) -> Option<Status> {
    use Action as A;
    use Status as S;
    if is_final(from) {
        return None;
    }
    let to = match (action, from) {
        (A::BerkasKurang, S::Diterima | S::BerkasLengkap) => S::BerkasKurang,
        (A::BerkasLengkap, S::Diterima | S::BerkasKurang) => S::BerkasLengkap,
        // A data change is a form BSrE verifies; it needs no recommendation letter.
        (A::TerbitkanRekomendasi, S::BerkasLengkap) if l != Layanan::PerubahanData => {
            S::RekomendasiTerbit
        }
        (A::AjukanAms, S::RekomendasiTerbit) if l != Layanan::PerubahanData => S::DiajukanAms,
        (A::AjukanAms, S::BerkasLengkap) if l == Layanan::PerubahanData => S::DiajukanAms,
        (A::TungguPemohon, S::DiajukanAms) if applicant_step(l) => S::MenungguPemohon,
        (A::TungguBsre, S::DiajukanAms) => S::MenungguBsre,
        (A::TungguBsre, S::MenungguPemohon) if applicant_step(l) => S::MenungguBsre,
        (A::Selesai, S::MenungguBsre) => S::Selesai,
        (A::Tolak, _) => S::Ditolak,
        (A::Batalkan, _) => S::Dibatalkan,
        _ => return None,
    };
    Some(to)
}

/// The actions allowed now, in the desk's order.
pub fn actions(l: Layanan, from: Status) -> Vec<Action> {
    ACTIONS
        .into_iter()
        .filter(|a| next(l, from, *a).is_some())
        .collect()
}

/// What an entry of a case's history is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EntryKind {
    /// A step: the case moved from one status to the next.
    Langkah,
    /// The last standing step taken back: the case returned to the status
    /// before it.
    Mundur,
    /// A recorded value corrected; the status stays.
    Koreksi,
}

text_enum!(EntryKind { Langkah => "langkah", Mundur => "mundur", Koreksi => "koreksi" });

impl EntryKind {
    /// An entry's stored kind: none is a step (every entry written before
    /// take-backs and corrections existed).
    pub fn of_stored(kind: Option<&str>, what: impl std::fmt::Display) -> crate::Result<Self> {
        kind.map_or(Ok(EntryKind::Langkah), |k| EntryKind::stored(k, what))
    }
}

/// The entries of a history that still stand, as indices oldest first: every
/// step, less each step a later take-back took back, less the take-backs
/// and the value corrections. The deadline, the reports and the next
/// take-back read this history; the case page shows every entry.
pub fn standing(kinds: &[EntryKind]) -> Vec<usize> {
    let mut stack = Vec::with_capacity(kinds.len());
    for (i, k) in kinds.iter().enumerate() {
        match k {
            EntryKind::Langkah => stack.push(i),
            // The first entry (received) is never taken back.
            EntryKind::Mundur if stack.len() > 1 => {
                stack.pop();
            }
            EntryKind::Mundur | EntryKind::Koreksi => {}
        }
    }
    stack
}

/// Whether the step that led into `to` may be taken back. A finished case
/// is BSrE's act (a certificate issued, renewed, changed or revoked): the
/// desk does not undo it; a value recorded wrongly with it is corrected.
pub fn can_take_back(to: Status) -> bool {
    to != Status::Selesai
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LAYANAN: [Layanan; 4] = [
        Layanan::Penerbitan,
        Layanan::Pembaruan,
        Layanan::PerubahanData,
        Layanan::Pencabutan,
    ];

    #[test]
    fn a_penerbitan_walks_the_whole_happy_path() {
        use Action as A;
        let mut s = Status::Diterima;
        for a in [
            A::BerkasLengkap,
            A::TerbitkanRekomendasi,
            A::AjukanAms,
            A::TungguPemohon,
            A::TungguBsre,
            A::Selesai,
        ] {
            s = next(Layanan::Penerbitan, s, a).unwrap_or_else(|| panic!("{a:?} from {s:?}"));
        }
        assert_eq!(s, Status::Selesai);
        assert!(actions(Layanan::Penerbitan, s).is_empty(), "done is final");
    }

    #[test]
    fn a_pencabutan_has_no_applicant_step() {
        assert_eq!(
            next(
                Layanan::Pencabutan,
                Status::DiajukanAms,
                Action::TungguPemohon
            ),
            None
        );
        assert_eq!(
            next(Layanan::Pencabutan, Status::DiajukanAms, Action::TungguBsre),
            Some(Status::MenungguBsre)
        );
    }

    #[test]
    fn a_data_change_goes_to_ams_without_a_recommendation() {
        let l = Layanan::PerubahanData;
        assert_eq!(
            next(l, Status::BerkasLengkap, Action::TerbitkanRekomendasi),
            None
        );
        assert_eq!(
            next(l, Status::BerkasLengkap, Action::AjukanAms),
            Some(Status::DiajukanAms)
        );
    }

    #[test]
    fn nothing_skips_the_document_check() {
        for l in LAYANAN {
            for a in [
                Action::TerbitkanRekomendasi,
                Action::AjukanAms,
                Action::Selesai,
            ] {
                assert_eq!(next(l, Status::Diterima, a), None, "{l:?} {a:?}");
            }
        }
    }

    /// The states a service may ever be in, by walking every allowed action.
    fn reachable(l: Layanan) -> Vec<Status> {
        let mut seen = vec![Status::Diterima];
        let mut i = 0;
        while i < seen.len() {
            for a in ACTIONS {
                if let Some(t) = next(l, seen[i], a)
                    && !seen.contains(&t)
                {
                    seen.push(t);
                }
            }
            i += 1;
        }
        seen
    }

    #[test]
    fn only_issuance_and_renewal_ever_wait_for_the_applicant() {
        for l in LAYANAN {
            assert_eq!(
                reachable(l).contains(&Status::MenungguPemohon),
                matches!(l, Layanan::Penerbitan | Layanan::Pembaruan),
                "{l:?}"
            );
        }
    }

    proptest! {
        /// Random paths forward and back: after every take-back the case
        /// stands where it stood before the step taken back, the standing
        /// history is a path the rules allow from "diterima" ending in the
        /// current status, and a finished case is never taken back.
        #[test]
        fn steps_taken_back_return_exactly_where_they_were(
            l in 0usize..4,
            seq in proptest::collection::vec(0usize..ACTIONS.len() + 2, 0..60),
        ) {
            let l = LAYANAN[l];
            let mut s = Status::Diterima;
            // (kind, to-status) of every entry, and the status before each.
            let mut entries = vec![(EntryKind::Langkah, Status::Diterima)];
            let mut before: Vec<Status> = vec![];
            for i in seq {
                if i >= ACTIONS.len() {
                    // A take-back (or a correction, which moves nothing).
                    if i == ACTIONS.len() + 1 {
                        entries.push((EntryKind::Koreksi, s));
                        continue;
                    }
                    let kinds: Vec<EntryKind> = entries.iter().map(|e| e.0).collect();
                    let st = standing(&kinds);
                    if st.len() < 2 || !can_take_back(s) {
                        continue;
                    }
                    let prev = entries[st[st.len() - 2]].1;
                    prop_assert_eq!(Some(prev), before.last().copied());
                    before.pop();
                    s = prev;
                    entries.push((EntryKind::Mundur, s));
                } else if let Some(t) = next(l, s, ACTIONS[i]) {
                    before.push(s);
                    s = t;
                    entries.push((EntryKind::Langkah, s));
                }
                let kinds: Vec<EntryKind> = entries.iter().map(|e| e.0).collect();
                let st = standing(&kinds);
                let path: Vec<Status> = st.iter().map(|&i| entries[i].1).collect();
                prop_assert_eq!(path[0], Status::Diterima);
                prop_assert_eq!(*path.last().unwrap_or(&Status::Diterima), s);
                prop_assert_eq!(path.len(), before.len() + 1);
                for w in path.windows(2) {
                    prop_assert!(
                        ACTIONS.iter().any(|a| next(l, w[0], *a) == Some(w[1])),
                        "{:?} -> {:?} is no step of {:?}", w[0], w[1], l
                    );
                }
            }
        }

        /// Random action sequences: a refused action never changes the state,
        /// an accepted one lands in a state the service can reach, and nothing
        /// leaves a final state.
        #[test]
        fn random_actions_stay_inside_the_rules(
            l in 0usize..4,
            seq in proptest::collection::vec(0usize..ACTIONS.len(), 0..40),
        ) {
            let l = LAYANAN[l];
            let allowed = reachable(l);
            let mut s = Status::Diterima;
            for i in seq {
                let a = ACTIONS[i];
                match next(l, s, a) {
                    Some(t) => {
                        prop_assert!(!is_final(s), "left final state {:?}", s);
                        prop_assert!(allowed.contains(&t));
                        prop_assert!(actions(l, s).contains(&a));
                        s = t;
                    }
                    None => prop_assert!(!actions(l, s).contains(&a)),
                }
            }
        }
    }
}
