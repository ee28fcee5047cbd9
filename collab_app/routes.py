"""Every route of the app in one place."""

SIGN_IN = "/signin"
SIGN_UP = "/signup"
HOME = "/"
PROFILE = "/profile"
COLLECTIVE = "/collectives/[collective_id]"
PROJECT = "/projects/[project_id]"
INVITE = "/invite/[invite_token]"
