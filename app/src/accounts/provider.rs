//! Signing in through the municipality's OpenID provider: OpenID Connect's
//! authorization code flow with PKCE. The protocol and every check of the
//! ID token (signature by the provider's published keys, issuer, audience,
//! expiry, nonce, algorithm) are the `openidconnect` crate's; who may enter
//! is `domain::provider_sign_in`'s. The provider's description and keys are
//! fetched when first needed, and again when a token is signed with a key
//! this server has not seen (the provider rotated its keys).

use domain::provider_sign_in::{Person, RoleMap, StrongAuthentication};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AdditionalClaims, AuthenticationContextClass, AuthorizationCode, ClaimsVerificationError,
    ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest,
    HttpResponse, IdToken, IdTokenClaims, IssuerUrl, LogoutRequest, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope,
    SignatureVerificationError, TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::RwLock;

/// Where the sign-in starts, where the provider sends people back, and
/// where signing out at the provider starts.
pub const START: &str = "/inloggen/organisatie";
pub const BACK: &str = "/inloggen/organisatie/terug";
pub const SIGN_OUT: &str = "/uitloggen/organisatie";

/// The provider answers within this, or the sign-in says it cannot be
/// reached.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Descriptions, key sets and token answers are small.
const MAX_ANSWER_BYTES: u64 = 1 << 20;

/// How this installation talks to its provider, from the configuration.
#[derive(Clone)]
pub struct ProviderSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// Besides `openid`.
    pub scopes: Vec<String>,
    /// The claim with the person's e-mail address: `email` (trusted when
    /// `email_verified` is true), or one the provider only fills with its
    /// own addresses, such as `upn` or `preferred_username`.
    pub email_claim: String,
    /// The claim whose values [`ProviderSettings::roles`] maps (`groups`).
    pub role_claim: String,
    pub roles: RoleMap,
    pub strong: StrongAuthentication,
    /// The name on the sign-in button, such as "Gemeente Berkeloord".
    pub name: String,
    /// The site's address (`TRECHTER_PUBLIC_URL`): the provider sends
    /// people back to it.
    pub public_url: String,
}

impl std::fmt::Debug for ProviderSettings {
    // The client secret is never written anywhere.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "…"))
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl ProviderSettings {
    fn redirect_url(&self) -> String {
        format!("{}{BACK}", self.public_url.trim_end_matches('/'))
    }

    fn after_sign_out_url(&self) -> String {
        format!(
            "{}/inloggen?gedaan=signed_out",
            self.public_url.trim_end_matches('/')
        )
    }

    /// Checks what can be checked before the provider is asked anything.
    pub fn check(&self) -> Result<(), String> {
        IssuerUrl::new(self.issuer.clone()).map_err(|e| format!("issuer: {e}"))?;
        RedirectUrl::new(self.redirect_url()).map_err(|e| format!("public URL: {e}"))?;
        if self.client_id.trim().is_empty() {
            return Err("the client id is empty".to_owned());
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// Not reachable, or not answering as a provider does.
    #[error("the OpenID provider cannot be used: {0}")]
    Unreachable(String),
    /// It answered, but the answer does not hold up.
    #[error("the OpenID provider's answer is refused: {0}")]
    Refused(String),
}

/// The other claims of the ID token, such as `groups` or `upn`.
#[derive(Clone, Debug, Deserialize, Serialize)]
struct OtherClaims(serde_json::Map<String, serde_json::Value>);

impl AdditionalClaims for OtherClaims {}

type Token = IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type Claims = IdTokenClaims<OtherClaims, CoreGenderClaim>;
type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A sign-in to send the browser off with, and what to check the answer
/// against.
pub struct Started {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// The person the provider vouched for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vouched {
    /// Issuer and subject: who they are at the provider, for good.
    pub subject: String,
    pub display_name: String,
    pub person: Person,
}

pub struct Provider {
    pub settings: ProviderSettings,
    agent: ureq::Agent,
    metadata: RwLock<Option<Arc<ProviderMetadataWithLogout>>>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.settings.fmt(f)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

/// One HTTP call to the provider. Redirects are not followed, so an
/// answer cannot send this server elsewhere.
async fn call(agent: ureq::Agent, request: HttpRequest) -> Result<HttpResponse, HttpError> {
    tokio::task::spawn_blocking(move || {
        let mut response = agent.run(request).map_err(|e| HttpError(e.to_string()))?;
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_vec()
            .map_err(|e| HttpError(e.to_string()))?;
        let (parts, _) = response.into_parts();
        Ok(HttpResponse::from_parts(parts, body))
    })
    .await
    .map_err(|e| HttpError(e.to_string()))?
}

impl Provider {
    pub fn new(settings: ProviderSettings) -> Provider {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        Provider {
            settings,
            agent,
            metadata: RwLock::new(None),
        }
    }

    /// The provider's description and keys, fetched once; again when
    /// `fresh`.
    async fn metadata(
        &self,
        fresh: bool,
    ) -> Result<Arc<ProviderMetadataWithLogout>, ProviderError> {
        if !fresh && let Some(known) = self.metadata.read().await.as_ref() {
            return Ok(known.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| ProviderError::Unreachable(e.to_string()))?;
        let http = |request| call(self.agent.clone(), request);
        let found = ProviderMetadataWithLogout::discover_async(issuer, &http)
            .await
            .map_err(|e| ProviderError::Unreachable(e.to_string()))?;
        let found = Arc::new(found);
        *self.metadata.write().await = Some(found.clone());
        Ok(found)
    }

    fn client(&self, metadata: &ProviderMetadataWithLogout) -> Result<Client, ProviderError> {
        let redirect = RedirectUrl::new(self.settings.redirect_url())
            .map_err(|e| ProviderError::Unreachable(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect))
    }

    /// A new sign-in: where to send the browser, with a fresh state, nonce
    /// and PKCE challenge.
    pub async fn start(&self) -> Result<Started, ProviderError> {
        let metadata = self.metadata(false).await?;
        let client = self.client(&metadata)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        // Ask for the strong authentication the municipality requires.
        for acr in &self.settings.strong.acr {
            request = request.add_auth_context_value(AuthenticationContextClass::new(acr.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url: url.to_string(),
            state: state.into_secret(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.into_secret(),
        })
    }

    /// Trades the code from the provider's answer for an ID token and
    /// checks it against the sign-in's nonce and PKCE verifier.
    pub async fn finish(
        &self,
        code: &str,
        nonce: &str,
        pkce_verifier: &str,
    ) -> Result<Vouched, ProviderError> {
        let metadata = self.metadata(false).await?;
        let client = self.client(&metadata)?;
        let http = |request| call(self.agent.clone(), request);
        let answer = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| ProviderError::Unreachable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&http)
            .await
            .map_err(|e| ProviderError::Refused(e.to_string()))?;
        let token: Token = answer
            .id_token()
            .ok_or_else(|| ProviderError::Refused("no ID token".to_owned()))?
            .to_string()
            .parse()
            .map_err(|e: serde_json::Error| ProviderError::Refused(e.to_string()))?;
        let nonce = Nonce::new(nonce.to_owned());
        let claims = match verify(&client, &token, &nonce) {
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                let metadata = self.metadata(true).await?;
                verify(&self.client(&metadata)?, &token, &nonce)
            }
            checked => checked,
        }
        .map_err(|e| ProviderError::Refused(e.to_string()))?;
        Ok(self.vouched(&claims))
    }

    /// What the checked claims say, by this installation's settings.
    fn vouched(&self, claims: &Claims) -> Vouched {
        let settings = &self.settings;
        let other = |name: &str| claims.additional_claims().0.get(name);
        let (email, email_verified) = match settings.email_claim.as_str() {
            "email" => (
                claims.email().map(|e| e.as_str().to_owned()),
                claims.email_verified().unwrap_or(false),
            ),
            "preferred_username" => (
                claims.preferred_username().map(|u| u.as_str().to_owned()),
                true,
            ),
            name => (
                other(name).and_then(|v| v.as_str()).map(str::to_owned),
                true,
            ),
        };
        let email = email.map(|e| e.trim().to_lowercase());
        let role_values: Vec<&str> = match other(&settings.role_claim) {
            Some(serde_json::Value::Array(values)) => {
                values.iter().filter_map(|v| v.as_str()).collect()
            }
            Some(serde_json::Value::String(value)) => vec![value.as_str()],
            _ => Vec::new(),
        };
        let acr = claims.auth_context_ref().map(|a| a.as_str());
        let amr: Vec<&str> = claims
            .auth_method_refs()
            .map(|methods| methods.iter().map(|m| m.as_str()).collect())
            .unwrap_or_default();
        let display_name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().trim().to_owned())
            .filter(|n| !n.is_empty())
            .or_else(|| email.clone())
            .unwrap_or_else(|| settings.name.clone());
        Vouched {
            subject: format!("{}#{}", claims.issuer().as_str(), claims.subject().as_str()),
            display_name,
            person: Person {
                email,
                email_verified,
                mapped_role: settings.roles.role_of(role_values),
                strong: settings.strong.met_by(acr, &amr),
            },
        }
    }

    /// Where to send the browser to sign out at the provider too, if it
    /// offers that (RP-initiated logout).
    pub async fn sign_out_url(&self) -> Option<String> {
        let metadata = self.metadata(false).await.ok()?;
        let end = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let after = PostLogoutRedirectUrl::new(self.settings.after_sign_out_url()).ok()?;
        Some(
            LogoutRequest::from(end)
                .set_client_id(ClientId::new(self.settings.client_id.clone()))
                .set_post_logout_redirect_uri(after)
                .http_get_url()
                .to_string(),
        )
    }
}

fn verify(
    client: &Client,
    token: &Token,
    nonce: &Nonce,
) -> Result<Claims, ClaimsVerificationError> {
    token.claims(&client.id_token_verifier(), nonce).cloned()
}
