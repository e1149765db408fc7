extension UITemplates {
    static let filter = """
    <div class="grid">
      <section class="card" id="thresholds"><h2>Antispam thresholds</h2>
        <p class="help">A message's score above <em>greylist</em> is delayed (4xx) for senders not seen before, above
        <em>flag</em> it is delivered with X-Spam: Yes (into Junk), above <em>deny</em> it is refused (5xx).</p>
        {{#thresholds}}{{> setting}}{{/thresholds}}
      </section>
      <section class="card" id="switches"><h2>Switches</h2>
        {{#switches}}{{> setting}}{{/switches}}
      </section>
    </div>
    <div class="grid">
      <section class="card" id="clamd"><h2>Antivirus (clamd)</h2>
        {{#clamd}}<p>Antivirus {{#antivirus}}<span class="badge on">on</span>{{/antivirus}}{{^antivirus}}<span class="badge off">off</span>{{/antivirus}}</p>
        {{#configured}}<p>clamd at <code>{{endpoint}}</code>:
        {{#answers}}<span class="badge on">answers</span> {{version}}{{/answers}}
        {{^answers}}<span class="badge bad">does not answer</span> <span class="muted">{{error}}</span>{{/answers}}</p>{{/configured}}
        {{^configured}}<p class="muted">No clamd address set (filter.antivirus.clamd).</p>{{/configured}}{{/clamd}}
      </section>
      <section class="card" id="bayes"><h2>Bayes training</h2>
        {{#bayes}}<p>{{#active}}<span class="badge on">active</span>{{/active}}{{^active}}<span class="badge off">learning</span>
        <span class="muted">counts from {{minSpam}} spam and {{minHam}} ham</span>{{/active}}</p>
        <label for="bayes-spam">Spam learnt: {{spam}} of {{minSpam}}</label>
        <progress id="bayes-spam" max="100" value="{{spamPercent}}">{{spamPercent}}%</progress>
        <label for="bayes-ham">Ham learnt: {{ham}} of {{minHam}}</label>
        <progress id="bayes-ham" max="100" value="{{hamPercent}}">{{hamPercent}}%</progress>
        <p class="help">{{tokens}} tokens{{#trained}}, token weights trained{{/trained}}{{^trained}}, token weights not trained yet (chi-square until then){{/trained}}. Users train it by moving mail into Junk (spam) or out of it (ham).</p>{{/bayes}}
      </section>
      <section class="card" id="attachments-quarantine"><h2>Attachments and quarantine</h2>
        {{#attachments}}<p>Attachment blocker {{#on}}<span class="badge on">on</span>{{/on}}{{^on}}<span class="badge off">off</span>{{/on}}:
        blocks {{block}}{{#extensions}}; extensions {{extensions}}{{/extensions}}</p>{{/attachments}}
        {{#quarantine}}<p>Quarantine {{#on}}<span class="badge on">on</span>, into <code>{{mailbox}}</code>{{/on}}{{^on}}<span class="badge off">off</span>{{/on}}</p>{{/quarantine}}
      </section>
    </div>
    <section class="card" id="rules"><h2>Access rules</h2>
      <p class="help">An address or a domain (which also matches its subdomains). Allow beats Block; an allowed message skips
      the antivirus and antispam checks.</p>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Kind</th><th scope="col">Address or domain</th><th scope="col">Action</th><th scope="col"></th></tr></thead>
        <tbody>{{#rules}}<tr><td>{{kind}}</td><td>{{value}}</td><td>{{action}}</td>
        <td><form method="post" action="/filter/rules/remove" data-confirm="Remove the rule {{kind}} {{value}}?">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="kind" value="{{kind}}">
          <input type="hidden" name="value" value="{{value}}"><button type="submit" class="danger">Remove</button></form></td></tr>{{/rules}}
        {{^rules}}<tr><td colspan="4" class="muted">No rule.</td></tr>{{/rules}}</tbody>
      </table></div>
      <form method="post" action="/filter/rules" id="add-rule">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
        <label for="rule-kind">Kind</label>
        <select id="rule-kind" name="kind">{{#kinds}}<option value="{{.}}">{{.}}</option>{{/kinds}}</select>
        <label for="rule-value">Address or domain</label>
        <input id="rule-value" name="value" required value="{{values.value}}"{{#errors.value}} aria-invalid="true" aria-describedby="rule-value-error"{{/errors.value}}>
        {{#errors.value}}<p class="field-error" id="rule-value-error">{{errors.value}}</p>{{/errors.value}}
        <label for="rule-action">Action of a block rule</label>
        <select id="rule-action" name="action">{{#actions}}<option value="{{.}}">{{.}}</option>{{/actions}}</select>
        {{#errors.action}}<p class="field-error">{{errors.action}}</p>{{/errors.action}}
        <div><button type="submit">Add rule</button></div>
      </form>
    </section>
    <section class="card" id="history"><h2>Last verdicts</h2>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Time</th><th scope="col">QID</th><th scope="col">From → to</th><th scope="col">Action</th>
        <th scope="col">Score</th><th scope="col">Symbols</th></tr></thead>
        <tbody>{{#history}}<tr><td>{{time}}</td><td><a href="/logs?q={{qid}}"><code>{{qid}}</code></a></td>
        <td>{{sender}} → {{recipients}}</td><td>{{action}}</td><td>{{score}}</td>
        <td>{{#symbols}}<div><code>{{name}}</code> {{weight}}{{#detail}} <span class="muted">{{detail}}</span>{{/detail}}</div>{{/symbols}}</td></tr>{{/history}}
        {{^history}}<tr><td colspan="6" class="muted">No message scanned yet.</td></tr>{{/history}}</tbody>
      </table></div>
    </section>
    <section class="card" id="filter-settings"><h2>Other filter settings</h2>
      {{#others}}{{> setting}}{{/others}}
    </section>
    """
}
