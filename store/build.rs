// The migrations are compiled into the store (`sqlx::migrate!`); without
// this, a new migration file would not rebuild it and tests would run
// against the old schema.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
