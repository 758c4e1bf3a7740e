//! The message everyone of a round who asked to hear back gets when the
//! plan goes out and when the final plan is published.

/// A message to everyone of the round who asked to hear back; `to` is
/// filled in per address, and so is `{stop}` in the body: that address's
/// own link to stop the mail.
#[derive(Clone, Debug)]
pub struct Notice {
    pub subject: String,
    pub body: String,
    /// `None` without a configured public address: the body then says
    /// where to remove the address instead.
    pub stop: Option<StopLink>,
}

/// How an address's stop link is made (`domain::email::stop_token`).
#[derive(Clone, Debug)]
pub struct StopLink {
    /// The site's public address, without a trailing slash.
    pub base: String,
    pub salt: String,
}

impl Notice {
    /// The body as mailed to `to`.
    pub fn body_for(&self, to: &str) -> String {
        match &self.stop {
            Some(stop) => self.body.replace(
                "{stop}",
                &format!(
                    "{}/mail-stoppen/{}",
                    stop.base,
                    domain::email::stop_token(&stop.salt, to)
                ),
            ),
            None => self.body.clone(),
        }
    }
}
