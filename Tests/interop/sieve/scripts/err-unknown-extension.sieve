require "x-nonexistent";
keep;
