extension UITemplates {
    static let domains = """
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Domain</th><th scope="col">Delivery</th><th scope="col">Catch-all</th><th scope="col">DKIM</th>
      <th scope="col">Disclaimer</th></tr></thead>
      <tbody>{{#domains}}<tr><td><a href="{{href}}">{{name}}</a></td>
      <td>{{#relay}}relay to {{relayTo}}{{/relay}}{{^relay}}local{{/relay}}</td><td>{{catchAll}}</td>
      <td>{{#dkim}}<span class="badge on">on</span>{{/dkim}}{{^dkim}}<span class="badge off">off</span>{{/dkim}}</td>
      <td>{{#disclaimer}}yes{{/disclaimer}}</td></tr>{{/domains}}
      {{^domains}}<tr><td colspan="5" class="muted">No domain yet: add the domain your addresses end with.</td></tr>{{/domains}}</tbody>
    </table></div>
    <form method="post" action="/domains" class="card" id="add-domain">
      <h2>Add a domain</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
      <label for="domain-name">Domain name</label>
      <input id="domain-name" name="name" required placeholder="example.com" value="{{values.name}}"
             {{#errors.name}}aria-invalid="true" aria-describedby="domain-name-error"{{/errors.name}}>
      {{#errors.name}}<p class="field-error" id="domain-name-error">{{errors.name}}</p>{{/errors.name}}
      <fieldset><legend>Delivery</legend>
        <label class="inline"><input type="radio" name="delivery" value="local"{{^relayChecked}} checked{{/relayChecked}}> Store mail here (local)</label>
        <label class="inline"><input type="radio" name="delivery" value="relay"{{#relayChecked}} checked{{/relayChecked}}> Relay to another server</label>
      </fieldset>
      <label for="domain-relay">Relay to (host or host:port, for a relay domain)</label>
      <input id="domain-relay" name="relay_to" placeholder="mail.internal.example:25" value="{{values.relay_to}}"
             {{#errors.relay_to}}aria-invalid="true" aria-describedby="domain-relay-error"{{/errors.relay_to}}>
      {{#errors.relay_to}}<p class="field-error" id="domain-relay-error">{{errors.relay_to}}</p>{{/errors.relay_to}}
      <div><button type="submit">Add domain</button></div>
    </form>
    """

    static let domain = """
    <p class="actions"><a href="/domains">← All domains</a> · <a href="{{href}}/clients">Client configuration</a></p>
    <section class="card"><h2>Delivery</h2>
      <p>{{#relay}}Mail for {{name}} is relayed to <code>{{relayTo}}</code> (TLS when the server offers STARTTLS).{{/relay}}
      {{^relay}}Mail for {{name}} is stored in local mailboxes.{{/relay}}</p>
    </section>
    <form method="post" action="{{href}}" class="card" id="domain-settings">
      <h2>Catch-all and copies</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
      <label for="catch-all">Catch-all address (mail for unknown addresses of the domain goes there; empty: refused)</label>
      <input id="catch-all" name="catch_all" value="{{catchAll}}" placeholder="postmaster@{{name}}"
             {{#errors.catch_all}}aria-invalid="true" aria-describedby="catch-all-error"{{/errors.catch_all}}>
      {{#errors.catch_all}}<p class="field-error" id="catch-all-error">{{errors.catch_all}}</p>{{/errors.catch_all}}
      <label for="copy-to">Copy inbound mail to (every message for the domain, also to this address; empty: none)</label>
      <input id="copy-to" name="copy_to" value="{{copyTo}}"
             {{#errors.copy_to}}aria-invalid="true" aria-describedby="copy-to-error"{{/errors.copy_to}}>
      {{#errors.copy_to}}<p class="field-error" id="copy-to-error">{{errors.copy_to}}</p>{{/errors.copy_to}}
      <label class="inline"><input type="checkbox" name="dkim" value="on"{{#dkim}} checked{{/dkim}}> Sign outgoing mail with DKIM</label>
      <h2>Disclaimer</h2>
      <label for="disclaimer">Text added to outgoing mail (Markdown; empty: none)</label>
      <textarea id="disclaimer" name="disclaimer" rows="6">{{disclaimer}}</textarea>
      <div class="actions"><button type="submit">Save</button>
      <button type="submit" name="preview" value="1" class="secondary">Preview the disclaimer</button></div>
      {{#preview}}<h3>Preview (as HTML mail shows it)</h3><div class="preview" id="disclaimer-preview">{{{previewHTML}}}</div>
      <h3>As plain-text mail shows it</h3><pre>{{previewText}}</pre>{{/preview}}
    </form>
    <section class="card" id="dkim"><h2>DKIM</h2>
      {{#hasKeys}}<p>Publish these DNS records, then switch signing on above.</p>{{/hasKeys}}
      {{#keys}}<h3>{{key_type}} key, selector <code>{{selector}}</code></h3>
      <label for="dkim-{{selector}}">TXT record <code>{{name}}</code></label>
      <textarea id="dkim-{{selector}}" readonly rows="4">{{value}}</textarea>
      <p class="help">Zone file: <code>{{zone_file_line}}</code></p>{{/keys}}
      {{^keys}}<p>No DKIM key yet.</p>{{/keys}}
      <form method="post" action="{{href}}/dkim"{{#hasKeys}} data-confirm="Replace the DKIM keys of {{name}}? The published records must then be updated."{{/hasKeys}}>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label class="inline"><input type="checkbox" name="ed25519" value="on"> Also an Ed25519 key</label>
        <button type="submit">{{#hasKeys}}Replace the keys{{/hasKeys}}{{^keys}}Generate a key{{/keys}}</button>
      </form>
    </section>
    <form method="post" action="{{href}}/delete" class="card" data-confirm="Remove the domain {{name}}? Its mail is refused from now on (stored mail stays).">
      <h2>Remove</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <p class="help">Mail for the domain is refused from now on; stored mail stays on disk.</p>
      <button type="submit" class="danger">Remove {{name}}</button>
    </form>
    """

    static let clients = """
    <p><a href="/domains/{{domain}}">← {{domain}}</a></p>
    <section class="card"><h2>Settings for mail clients</h2>
      <p>Users of <strong>{{domain}}</strong> log in with their user name (not the address) and password.
      Server name for every service: <code>{{hostname}}</code>.</p>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Service</th><th scope="col">Port</th><th scope="col">Security</th></tr></thead>
        <tbody>{{#services}}<tr><td>{{name}}</td><td>{{port}}</td><td>{{security}}</td></tr>{{/services}}</tbody>
      </table></div>
      <p class="help">Port 25 is for other mail servers, not for clients. Servers started without root privileges listen
      on the unprivileged ports printed by <code>postino serve</code> (2143, 2993, 2587…) instead.</p>
    </section>
    """
}
