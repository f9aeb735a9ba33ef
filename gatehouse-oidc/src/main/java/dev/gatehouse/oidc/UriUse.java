package dev.gatehouse.oidc;

/** What a client registers a URI for: each use has its own rules in {@link RedirectUriPolicy}. */
public enum UriUse {
    /** Where the authorization endpoint sends the browser back with a code or an error. */
    REDIRECT("redirect URI"),
    /** Where the browser may be sent after RP-initiated logout. */
    POST_LOGOUT_REDIRECT("post-logout redirect URI"),
    /** Where Gatehouse POSTs logout tokens, server to server. */
    BACKCHANNEL_LOGOUT("back-channel logout URI");

    private final String label;

    UriUse(String label) {
        this.label = label;
    }

    /**
     * The use as messages name it.
     *
     * @return such as {@code redirect URI}
     */
    public String label() {
        return label;
    }
}
