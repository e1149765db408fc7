require "imap4flags";
addflag ["a", "A", "b a"];
addflag "B";
