require "imap4flags";
setflag "\\Seen \\Flagged $Label1";
removeflag "\\flagged";
