//! Installation-wide settings, such as the municipality's name.

use crate::{Db, StoreError, read, write};

pub const MUNICIPALITY_NAME: &str = "municipality_name";
/// "true" when staff and admins must use a second factor.
pub const REQUIRE_SECOND_FACTOR: &str = "require_second_factor";
/// "true": admins and staff sign in at the OpenID provider, not with a
/// password (when a provider is configured).
pub const REQUIRE_PROVIDER: &str = "require_provider";
/// A random value mixed into hashes of client addresses, so the stored
/// hashes cannot be reversed by trying all addresses.
pub const CLIENT_HASH_SALT: &str = "client_hash_salt";

pub async fn get(db: &Db, key: &str) -> Result<Option<String>, StoreError> {
    let value = read!(db, |pool| {
        sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await
    })?;
    Ok(value)
}

pub async fn set(db: &Db, key: &str, value: &str) -> Result<(), StoreError> {
    let (key, value) = (key.to_owned(), value.to_owned());
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&mut *conn)
        .await?;
        Ok(())
    })
}

/// The value of `key`, set to `value` first if it has none. Every server
/// gets the same value, even when several start at once.
pub async fn get_or_init(db: &Db, key: &str, value: &str) -> Result<String, StoreError> {
    let (key, value) = (key.to_owned(), value.to_owned());
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(&key)
        .bind(&value)
        .execute(&mut *conn)
        .await?;
        let stored = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(&key)
            .fetch_one(&mut *conn)
            .await?;
        Ok(stored)
    })
}
