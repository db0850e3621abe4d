import {WIFI_RULE_IDS} from '../pipeline/run-local.js'
import Local from './local.js'

export default class Wifi extends Local {
  static override summary = 'Check the current Wi-Fi connection: encryption, public hotspot, wired or not'
  static override ruleIds = WIFI_RULE_IDS
  static override wifiOnly = true
}
