require "imap4flags";
keep :flags ["\\Answered", "$Done"];
