//! The two macros that let one piece of query code serve both engines.

/// Runs `$body` with `$pool` bound to the engine's read pool. The body is
/// compiled once per engine, so SQL that both understand is written once
/// (use `$1`-style placeholders, which SQLite accepts too).
#[macro_export]
macro_rules! read {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite(db) => {
                let $pool = db.reader();
                $body
            }
            $crate::Db::Postgres(db) => {
                let $pool = &db.pool;
                $body
            }
        }
    };
}

/// Runs `$body` inside a transaction with `$conn` bound to the transaction's
/// connection, and commits if it returns `Ok`. The result is returned only
/// after the commit is durable. On SQLite the body runs on the writer task,
/// so it must own what it uses (it is moved there).
#[macro_export]
macro_rules! write {
    ($db:expr, |$conn:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite(db) => {
                db.writer()
                    .run(move |$conn| ::std::boxed::Box::pin(async move { $body }))
                    .await
            }
            $crate::Db::Postgres(db) => {
                let mut tx = db.pool.begin().await?;
                let result = {
                    let $conn: &mut ::sqlx::PgConnection = &mut *tx;
                    async { $body }.await
                };
                if result.is_ok() {
                    tx.commit().await?;
                }
                result
            }
        }
    };
}

/// The condition for an idea (aliased `i`) to be on the public pages:
/// not withdrawn, not merged into another, not waiting for a moderator.
/// Hidden ideas are public as "hidden, because …"; [`counted_idea!`]
/// leaves them out too. A macro so it can be `concat!`ed into SQL.
#[macro_export]
macro_rules! public_idea {
    () => {
        "i.withdrawn_at IS NULL AND i.merged_into IS NULL AND NOT i.awaiting_review"
    };
}

/// The condition for the round aliased `$round` to be public: on public
/// pages, the dashboard and open data (`domain::Phase::is_public`: every
/// phase but draft). A macro so `concat!` can use it; a test in this crate
/// holds it to the domain's rule.
#[macro_export]
macro_rules! public_round {
    ($round:literal) => {
        concat!($round, ".phase <> 'draft'")
    };
}

/// The condition for an idea (aliased `i`) to count: public and not hidden.
#[macro_export]
macro_rules! counted_idea {
    () => {
        concat!($crate::public_idea!(), " AND i.hidden_at IS NULL")
    };
}

/// The participant a contribution belongs to, inside a `write!` body: the
/// one with the device's known code, or else the one with the new code the
/// form derived, made now if it is not there yet. The new code comes from
/// the form's submission key, so the same form sent again (after a lost
/// answer or a crash) finds the participant the first send made instead of
/// making a second one. Evaluates to `(participant id, whether the device's
/// code was known)`.
#[macro_export]
macro_rules! participant {
    ($conn:ident, $known_hash:expr, $new_hash:expr, $at:expr) => {{
        let known: Option<i64> = match $known_hash {
            Some(hash) => {
                sqlx::query_scalar("SELECT id FROM participants WHERE code_hash = $1")
                    .bind(hash)
                    .fetch_optional(&mut *$conn)
                    .await?
            }
            None => None,
        };
        match known {
            Some(id) => (id, true),
            None => {
                sqlx::query(
                    "INSERT INTO participants (code_hash, created_at) VALUES ($1, $2)
                     ON CONFLICT (code_hash) DO NOTHING",
                )
                .bind($new_hash)
                .bind($at)
                .execute(&mut *$conn)
                .await?;
                let id: i64 =
                    sqlx::query_scalar("SELECT id FROM participants WHERE code_hash = $1")
                        .bind($new_hash)
                        .fetch_one(&mut *$conn)
                        .await?;
                (id, false)
            }
        }
    }};
}

#[cfg(test)]
mod tests {
    use domain::Phase;

    #[test]
    fn a_public_round_is_what_the_domain_calls_public() {
        let hidden: Vec<String> = Phase::ALL
            .into_iter()
            .filter(|p| !p.is_public())
            .map(|p| format!("r.phase <> '{}'", p.code()))
            .collect();
        assert_eq!(hidden, [crate::public_round!("r")]);
    }
}
