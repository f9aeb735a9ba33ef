package dev.gatehouse.middleware.it.boot;

import dev.gatehouse.middleware.matrix.HostileMatrix;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The matrix's handlers as Spring MVC maps them (PathPatternParser, case-sensitive, GET mappings serving HEAD). */
@RestController
public class MatrixController {
    @RequestMapping("/public/**")
    public ResponseEntity<String> publicPages() {
        return handled("public");
    }

    /** The public handler that also says what form field it read: the guard must not change how the app decodes a form. */
    @PostMapping("/public/form")
    public ResponseEntity<String> publicForm(@RequestParam String name) {
        return ResponseEntity.ok().header(HostileMatrix.HANDLER_HEADER, "public").contentType(MediaType.TEXT_PLAIN).body(name);
    }

    @RequestMapping("/files/readme.txt")
    public ResponseEntity<String> readme() {
        return handled("readme");
    }

    @RequestMapping("/files/{name}")
    public ResponseEntity<String> files() {
        return handled("files");
    }

    @RequestMapping("/admin/**")
    public ResponseEntity<String> admin() {
        return handled("admin");
    }

    @GetMapping("/reports/**")
    public ResponseEntity<String> reports() {
        return handled("reports");
    }

    @DeleteMapping("/items/**")
    public ResponseEntity<String> deleteItems() {
        return handled("items-delete");
    }

    @PostMapping("/items/**")
    public ResponseEntity<String> postItems() {
        return handled("items-post");
    }

    @RequestMapping("/**")
    public ResponseEntity<String> fallback() {
        return handled("default");
    }

    private static ResponseEntity<String> handled(String handler) {
        return ResponseEntity.ok().header(HostileMatrix.HANDLER_HEADER, handler).contentType(MediaType.TEXT_PLAIN).body(handler);
    }
}
