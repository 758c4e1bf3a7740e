//! Pseudonymous participants: residents who contribute without an account,
//! known only by the hash of their receipt code.

use crate::{Db, StoreError, read};

/// The participant whose receipt code hashes to `code_hash`, if any.
pub async fn id_by_code_hash(db: &Db, code_hash: &str) -> Result<Option<i64>, StoreError> {
    let id = read!(db, |pool| {
        sqlx::query_scalar("SELECT id FROM participants WHERE code_hash = $1")
            .bind(code_hash)
            .fetch_optional(pool)
            .await
    })?;
    Ok(id)
}
