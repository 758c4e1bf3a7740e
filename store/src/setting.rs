//! Installation-wide settings, such as the municipality's name.

use crate::{Db, StoreError, read, write};

pub const MUNICIPALITY_NAME: &str = "municipality_name";

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
