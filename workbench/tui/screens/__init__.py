"""Full screens: the workspace picker, the section screens and the help screen."""
