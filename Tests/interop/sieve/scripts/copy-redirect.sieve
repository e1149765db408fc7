require "copy";
redirect :copy "backup@example.com";
