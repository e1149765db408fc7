extension UITemplates {
    static let mailboxes = """
    <h2 id="users">Users</h2>
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">User</th><th scope="col">Services</th><th scope="col">Used / quota</th>
      <th scope="col">Forwards</th><th scope="col">Administrator</th></tr></thead>
      <tbody>{{#users}}<tr><td><a href="{{href}}">{{name}}</a>{{#noPassword}} <span class="badge bad">no password</span>{{/noPassword}}</td>
      <td>{{services}}</td><td>{{used}} / {{quota}}</td><td>{{forwards}}</td><td>{{#admin}}yes{{/admin}}</td></tr>{{/users}}</tbody>
    </table></div>
    <form method="post" action="/mailboxes/users" class="card" id="add-user">
      <h3>Add a user</h3>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.user.form}}<p class="error" role="alert">{{errors.user.form}}</p>{{/errors.user.form}}
      <label for="user-name">User name (the login; mail to name@each-local-domain reaches it)</label>
      <input id="user-name" name="name" required autocomplete="off" value="{{values.user.name}}"
             {{#errors.user.name}}aria-invalid="true" aria-describedby="user-name-error"{{/errors.user.name}}>
      {{#errors.user.name}}<p class="field-error" id="user-name-error">{{errors.user.name}}</p>{{/errors.user.name}}
      <label for="user-password">Password (empty: none yet; mail is still delivered)</label>
      <input id="user-password" name="password" type="password" autocomplete="new-password">
      <label for="user-quota">Quota (like 500M or 2G; empty: the server default; none: unlimited)</label>
      <input id="user-quota" name="quota" value="{{values.user.quota}}"
             {{#errors.user.quota}}aria-invalid="true" aria-describedby="user-quota-error"{{/errors.user.quota}}>
      {{#errors.user.quota}}<p class="field-error" id="user-quota-error">{{errors.user.quota}}</p>{{/errors.user.quota}}
      <div><button type="submit">Add user</button></div>
    </form>

    <h2 id="groups">Groups</h2>
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Group</th><th scope="col">Members</th><th scope="col">group@domain address</th></tr></thead>
      <tbody>{{#groups}}<tr><td><a href="{{href}}">{{name}}</a></td><td>{{members}}</td>
      <td>{{#address}}on{{/address}}{{^address}}off{{/address}}</td></tr>{{/groups}}
      {{^groups}}<tr><td colspan="3" class="muted">No group yet.</td></tr>{{/groups}}</tbody>
    </table></div>
    <form method="post" action="/mailboxes/groups" class="card" id="add-group">
      <h3>Add a group</h3>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.group.form}}<p class="error" role="alert">{{errors.group.form}}</p>{{/errors.group.form}}
      <label for="group-name">Group name</label>
      <input id="group-name" name="name" required value="{{values.group.name}}"
             {{#errors.group.name}}aria-invalid="true" aria-describedby="group-name-error"{{/errors.group.name}}>
      {{#errors.group.name}}<p class="field-error" id="group-name-error">{{errors.group.name}}</p>{{/errors.group.name}}
      <div><button type="submit">Add group</button></div>
    </form>

    <h2 id="public">Public mailboxes</h2>
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Mailbox</th><th scope="col">Owning groups</th></tr></thead>
      <tbody>{{#publicMailboxes}}<tr><td><a href="{{href}}">{{name}}</a></td><td>{{groups}}</td></tr>{{/publicMailboxes}}
      {{^publicMailboxes}}<tr><td colspan="2" class="muted">No public mailbox yet.</td></tr>{{/publicMailboxes}}</tbody>
    </table></div>
    <form method="post" action="/mailboxes/public" class="card" id="add-public">
      <h3>Add a public mailbox</h3>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.public.form}}<p class="error" role="alert">{{errors.public.form}}</p>{{/errors.public.form}}
      <label for="public-name">Name</label>
      <input id="public-name" name="name" required value="{{values.public.name}}"
             {{#errors.public.name}}aria-invalid="true" aria-describedby="public-name-error"{{/errors.public.name}}>
      {{#errors.public.name}}<p class="field-error" id="public-name-error">{{errors.public.name}}</p>{{/errors.public.name}}
      <fieldset><legend>Owning groups (their members may read and write it)</legend>
      {{#groupChoices}}<label class="inline"><input type="checkbox" name="groups" value="{{name}}"{{#checked}} checked{{/checked}}> {{name}}</label>{{/groupChoices}}
      {{^groupChoices}}<p class="help">Add a group first.</p>{{/groupChoices}}
      </fieldset>
      <div><button type="submit">Add public mailbox</button></div>
    </form>
    """

    static let user = """
    <p><a href="/mailboxes">← Mailboxes</a> · {{used}} used of {{quotaText}}</p>
    <form method="post" action="{{href}}" class="card" id="user-settings">
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
      <fieldset><legend>Services</legend>
        <label class="inline"><input type="checkbox" name="imap" value="on"{{#imap}} checked{{/imap}}> IMAP</label>
        <label class="inline"><input type="checkbox" name="pop3" value="on"{{#pop3}} checked{{/pop3}}> POP3</label>
        <label class="inline"><input type="checkbox" name="smtp_auth" value="on"{{#smtp_auth}} checked{{/smtp_auth}}> SMTP (sending)</label>
        <label class="inline"><input type="checkbox" name="administrator" value="on"{{#administrator}} checked{{/administrator}}> Administrator (this UI and the API)</label>
      </fieldset>
      <label for="forwards">Forward mail to (one address per line; empty: no forwarding)</label>
      <textarea id="forwards" name="forwards" rows="3"{{#errors.forwards}} aria-invalid="true" aria-describedby="forwards-error"{{/errors.forwards}}>{{forwards}}</textarea>
      {{#errors.forwards}}<p class="field-error" id="forwards-error">{{errors.forwards}}</p>{{/errors.forwards}}
      <label class="inline"><input type="checkbox" name="keep_copy" value="on"{{#keep_copy}} checked{{/keep_copy}}> Keep a copy when forwarding</label>
      <label for="quota">Quota (like 500M or 2G; default: the server's; none: unlimited)</label>
      <input id="quota" name="quota" value="{{quota}}"{{#errors.quota}} aria-invalid="true" aria-describedby="quota-error"{{/errors.quota}}>
      {{#errors.quota}}<p class="field-error" id="quota-error">{{errors.quota}}</p>{{/errors.quota}}
      <label for="spam-retention">Days spam stays in Junk (0: forever; default: the server's)</label>
      <input id="spam-retention" name="spam_retention" value="{{spamRetention}}"{{#errors.spam_retention}} aria-invalid="true" aria-describedby="spam-retention-error"{{/errors.spam_retention}}>
      {{#errors.spam_retention}}<p class="field-error" id="spam-retention-error">{{errors.spam_retention}}</p>{{/errors.spam_retention}}
      <label for="new-password">New password (empty: unchanged)</label>
      <input id="new-password" name="password" type="password" autocomplete="new-password"{{#errors.password}} aria-invalid="true" aria-describedby="password-error"{{/errors.password}}>
      {{#errors.password}}<p class="field-error" id="password-error">{{errors.password}}</p>{{/errors.password}}
      <div><button type="submit">Save</button></div>
    </form>
    <form method="post" action="{{href}}/delete" class="card" data-confirm="Remove the user {{name}}? Their stored mail stays on disk.">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <p class="help">Removes the user, their forwards and group memberships; stored mail stays on disk.</p>
      <button type="submit" class="danger">Remove {{name}}</button>
    </form>
    """

    static let group = """
    <p><a href="/mailboxes#groups">← Mailboxes</a></p>
    <section class="card"><h2>Members</h2>
      <ul>{{#members}}<li>{{name}}
        <form class="inline" method="post" action="{{groupHref}}/members/remove" data-confirm="Remove {{name}} from {{group}}?">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="user" value="{{name}}">
          <button type="submit" class="link">remove</button></form></li>{{/members}}
      {{^members}}<li class="muted">No member yet.</li>{{/members}}</ul>
      <form method="post" action="{{href}}/members" id="add-member">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="member">Add a member</label>
        <select id="member" name="user"{{#errors.user}} aria-invalid="true" aria-describedby="member-error"{{/errors.user}}>
          {{#candidates}}<option value="{{.}}">{{.}}</option>{{/candidates}}</select>
        {{#errors.user}}<p class="field-error" id="member-error">{{errors.user}}</p>{{/errors.user}}
        <button type="submit">Add member</button>
      </form>
    </section>
    <form method="post" action="{{href}}/address" class="card">
      <h2>Group address</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <label class="inline"><input type="checkbox" name="enabled" value="on"{{#address}} checked{{/address}}>
      {{group}}@each-local-domain delivers to every member (when the setting groups.addresses is on)</label>
      <div><button type="submit">Save</button></div>
    </form>
    <form method="post" action="{{href}}/delete" class="card" data-confirm="Remove the group {{group}}?">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <p class="help">Refused while an address or a public mailbox uses the group.</p>
      <button type="submit" class="danger">Remove {{group}}</button>
    </form>
    """

    static let publicMailbox = """
    <p><a href="/mailboxes#public">← Mailboxes</a></p>
    <form method="post" action="{{href}}" class="card">
      <h2>Owning groups</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
      <fieldset><legend>Members of these groups may read and write the mailbox</legend>
      {{#groupChoices}}<label class="inline"><input type="checkbox" name="groups" value="{{name}}"{{#checked}} checked{{/checked}}> {{name}}</label>{{/groupChoices}}
      </fieldset>
      <div><button type="submit">Save</button></div>
    </form>
    <form method="post" action="{{href}}/delete" class="card" data-confirm="Remove the public mailbox {{name}}? Its stored mail stays on disk.">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="danger">Remove {{name}}</button>
    </form>
    """
}
