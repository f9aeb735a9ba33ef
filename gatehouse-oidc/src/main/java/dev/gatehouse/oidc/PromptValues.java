package dev.gatehouse.oidc;

/**
 * The request's {@code prompt} as the endpoint acts on it.
 *
 * @param none    sign-in and consent must not be asked: answer {@code login_required} or {@code consent_required} instead
 * @param login   the user must sign in again ({@code login}, and {@code select_account}, which one sign-in per browser
 *                can only honour by letting the user sign in as someone else)
 * @param consent the consent page is shown even when the user allowed the client before
 */
record PromptValues(boolean none, boolean login, boolean consent) {
    static final PromptValues ABSENT = new PromptValues(false, false, false);
}
