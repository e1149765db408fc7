extension UITemplates {
    static let dashboard = """
    {{#noDomains}}<div class="card"><h2>Getting started</h2>
    <ol><li><a href="/domains">Add your mail domain</a>.</li><li><a href="/mailboxes">Create a user</a> (a mailbox).</li>
    <li><a href="/addresses">Add addresses</a> that deliver to users or groups (user@domain works by itself).</li>
    <li>Point mail clients at the server: each domain has a <em>client configuration</em> page.</li></ol></div>{{/noDomains}}
    <div class="grid">
      <section class="card"><h2>Directory</h2>
        <p><a href="/domains"><span class="figure" id="count-domains">{{domains}}</span> domains</a></p>
        <p><a href="/mailboxes">{{users}} users, {{groups}} groups</a> · <a href="/addresses">{{addresses}} addresses</a></p>
      </section>
      <section class="card"><h2>Last 24 hours</h2>
        {{#traffic}}<p><span class="figure">{{received}}</span> received · <span class="figure">{{sent}}</span> sent ·
        <span class="figure">{{refused}}</span> refused</p>{{/traffic}}
        {{#trafficProblem}}<p class="muted">Mail figures are not available: {{trafficProblem}}</p>{{/trafficProblem}}
      </section>
      <section class="card"><h2>Queue</h2>
        <p><a href="/queue"><span class="figure" data-live="queue-messages">{{queueMessages}}</span> messages</a>,
        <span data-live="queue-bytes">{{queueBytes}}</span></p>
      </section>
    </div>
    <section class="card"><h2>Services</h2>
      <div class="table-wrap"><table id="services">
        <thead><tr><th scope="col">Service</th><th scope="col">Address</th><th scope="col">State</th></tr></thead>
        <tbody>{{#services}}<tr><td>{{service}}</td><td>{{address}}</td>
        <td>{{#listening}}listening{{/listening}}{{^listening}}<span class="muted">{{state}}</span>{{/listening}}</td></tr>{{/services}}
        {{^services}}<tr><td colspan="3" class="muted">No listeners recorded yet.</td></tr>{{/services}}</tbody>
      </table></div>
    </section>
    <section class="card"><h2>Mail per hour</h2>
      <p class="legend"><span class="in">■ received</span><span class="out">■ sent</span><span class="refused">■ refused</span></p>
      <svg class="chart" data-chart="traffic" data-source="/api/v1/dashboard" data-every="60" viewBox="0 0 600 180"
           role="img" aria-label="Messages received, sent and refused per hour over the last 24 hours"></svg>
    </section>
    <section class="card"><h2>Queue over the last hour</h2>
      <p class="legend"><span class="messages">— messages</span><span class="bytes">- - size</span></p>
      <svg class="chart" data-chart="queue" data-source="/api/v1/queue/stats" data-every="10" viewBox="0 0 600 180"
           role="img" aria-label="Queue length and size over the last hour"></svg>
    </section>
    <section class="card"><h2>Mail quota</h2>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">User</th><th scope="col">Used</th><th scope="col">Quota</th><th scope="col">%</th></tr></thead>
        <tbody>{{#quotas}}<tr><td><a href="/users/{{user}}">{{user}}</a></td><td>{{used}}</td>
        <td>{{#quota}}{{quota}}{{/quota}}{{^quota}}unlimited{{/quota}}</td><td>{{#percent}}{{percent}}{{/percent}}</td></tr>{{/quotas}}
        {{^quotas}}<tr><td colspan="4" class="muted">No users yet.</td></tr>{{/quotas}}</tbody>
      </table></div>
    </section>
    """
}
