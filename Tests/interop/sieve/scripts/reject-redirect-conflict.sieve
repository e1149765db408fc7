require "reject";
redirect "x@example.com";
reject "no";
