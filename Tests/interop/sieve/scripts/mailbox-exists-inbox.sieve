require "mailbox";
if mailboxexists "INBOX" { discard; }
