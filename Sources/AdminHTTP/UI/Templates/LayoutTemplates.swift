/// The templates of the UI, by name (`UIRenderer` registers them all).
enum UITemplates {
    static let all: [(String, String)] = [
        ("layout", layout), ("message", message), ("login", login), ("setting", setting),
        ("dashboard", dashboard), ("domains", domains), ("domain", domain), ("clients", clients),
        ("mailboxes", mailboxes), ("user", user), ("group", group), ("public", publicMailbox),
        ("addresses", addresses), ("address", address), ("queue", queue), ("relay", relay),
        ("settings", settings), ("filter", filter), ("logs", logs), ("connectors", connectors), ("connector", connector),
        ("connector-result", connectorResult), ("connector-fields", connectorFields), ("sync", sync), ("sync-job", syncJob),
        ("sync-run", syncRun), ("sync-actions", syncActions), ("sync-fields", syncFields),
    ]

    /// Every page of the logged-in UI: navigation, the page, the logout form.
    static let layout = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Postino</title>
    <link rel="stylesheet" href="/ui/app.css">
    <script src="/ui/app.js" defer></script>
    </head>
    <body>
    <header class="top">
      <a class="brand" href="/">Postino</a>
      <nav aria-label="Main">
        {{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}
      </nav>
      <form class="logout" method="post" action="/logout">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="link">Log out {{user}}</button>
      </form>
    </header>
    <main>
    <h1>{{title}}</h1>
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{{body}}}
    </main>
    </body>
    </html>
    """

    /// An error or a refusal, without navigation (the user may not be logged in).
    static let message = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Postino</title>
    <link rel="stylesheet" href="/ui/app.css">
    </head>
    <body class="narrow">
    <main>
    <h1>{{title}}</h1>
    <p class="error" role="alert">{{text}}</p>
    <p><a href="/">Back to the dashboard</a></p>
    </main>
    </body>
    </html>
    """

    static let login = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Log in · Postino</title>
    <link rel="stylesheet" href="/ui/app.css">
    </head>
    <body class="narrow">
    <main>
    <h1>Postino</h1>
    <form method="post" action="/login" class="card">
      <h2>Administrator login</h2>
      {{#error}}<p class="error" role="alert" id="login-error">{{error}}</p>{{/error}}
      <input type="hidden" name="next" value="{{next}}">
      <label for="user">User name</label>
      <input id="user" name="user" autocomplete="username" required autofocus value="{{user}}">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">Log in</button>
      <p class="help">The password of <code>admin</code> was printed once by the first <code>postino serve</code>.
      Any user with the administrator flag can log in too.</p>
    </form>
    </main>
    </body>
    </html>
    """

    /// One setting as a small form (used by Settings, Filter and Relay): the input matches
    /// the setting's type; `back` is where the change returns to.
    static let setting = """
    <form method="post" action="/settings" class="setting" id="setting-{{id}}">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <input type="hidden" name="key" value="{{key}}">
      <input type="hidden" name="back" value="{{back}}">
      <label for="input-{{id}}"><code>{{key}}</code></label>
      <div class="setting-row">
      {{#isBool}}<select id="input-{{id}}" name="value" aria-describedby="help-{{id}}">
        <option value="true"{{#on}} selected{{/on}}>on</option><option value="false"{{^on}} selected{{/on}}>off</option>
      </select>{{/isBool}}
      {{#isChoice}}<select id="input-{{id}}" name="value" aria-describedby="help-{{id}}">
        {{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/choices}}
      </select>{{/isChoice}}
      {{#isText}}<input id="input-{{id}}" name="value" value="{{value}}" aria-describedby="help-{{id}}"{{#error}} aria-invalid="true"{{/error}}>{{/isText}}
      <button type="submit">Save</button>
      {{^is_default}}<button type="submit" name="reset" value="1" class="secondary">Reset to {{default}}</button>{{/is_default}}
      </div>
      {{#error}}<p class="field-error" role="alert">{{error}}</p>{{/error}}
      <p class="help" id="help-{{id}}">{{doc}} <span class="muted">({{type}}, default {{default}})</span></p>
    </form>
    """
}
