package dev.gatehouse.http;

/** The JSON of an RFC 9457 problem, plus the stable {@code error} code clients branch on. */
record ProblemBody(String type, String title, int status, String detail, String error) {
    static final String MEDIA_TYPE = "application/problem+json";

    static ProblemBody of(ApiProblem problem) {
        return new ProblemBody("urn:gatehouse:problem:" + problem.code(), problem.title(), problem.status(), problem.detail(), problem.code());
    }
}
