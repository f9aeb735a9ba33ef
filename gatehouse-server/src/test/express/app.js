'use strict';
// The app behind nginx and Caddy in the gateway tests. It routes like a real Express app: on the
// raw request target, ignoring case, with method-override middleware honouring the usual headers
// for any method (the most trusting set-up an app may have). Every request that reaches a handler
// is recorded; the test reads and clears the record on a second port that no proxy forwards to.
//
// Prints one line, {"app": <port>, "control": <port>}, once both listen on 127.0.0.1.
const express = require('express');
const methodOverride = require('method-override');

const seen = [];

const app = express();
for (const header of ['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override']) {
    app.use(methodOverride(header, { methods: null }));
}
const record = (route) => (req, res) => {
    seen.push({ route, method: req.method, originalMethod: req.originalMethod, target: req.originalUrl, headers: req.headers });
    res.type('text/plain').send('upstream ' + route + '\n');
};
app.all(['/admin', '/admin/*'], record('admin'));
app.all('*', record('other'));

const control = express();
control.get('/seen', (req, res) => {
    res.json(seen.splice(0, seen.length));
});

const appServer = app.listen(0, '127.0.0.1', () => {
    const controlServer = control.listen(0, '127.0.0.1', () => {
        process.stdout.write(JSON.stringify({ app: appServer.address().port, control: controlServer.address().port }) + '\n');
    });
});
